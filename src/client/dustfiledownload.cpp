// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustfiledownload_p.h"

#include <dustthreading_p.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qregularexpression.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>

#include <limits>

using namespace Qt::StringLiterals;

namespace Dust::Internal {

namespace {

constexpr int TransferTimeoutMs = 30000;

// QFuture progress is an int: files over 2 GiB report in proportion.
int progressUnits(qint64 bytes, qint64 size)
{
    constexpr qint64 max = std::numeric_limits<int>::max();
    return int(size <= max ? bytes : bytes * max / size);
}

} // namespace

Result<FileReference> FileReference::parse(const QJsonValue &value)
{
    static const QRegularExpression validHash(u"^sha256:[0-9a-f]{64}$"_s);
    const QJsonObject object = value.toObject();
    const QJsonValue size = object.value(u"size");
    if (!value.isObject() || object.value(u"_type") != u"file"_s
        || !validHash.match(object.value(u"hash").toString()).hasMatch()
        || !size.isDouble() || size.toInteger(-1) < 0) {
        return Error(Error::Kind::InvalidParams, u"not_a_file_reference"_s);
    }
    return FileReference{object.value(u"hash").toString(), size.toInteger()};
}

QUrl FileDownload::httpBase(const QUrl &socketUrl)
{
    QUrl base;
    base.setScheme(socketUrl.scheme() == u"wss" ? u"https"_s : u"http"_s);
    base.setHost(socketUrl.host());
    base.setPort(socketUrl.port());
    return base;
}

QFuture<Result<qint64>> FileDownload::toDevice(const Settings &settings, const QJsonValue &fileRef,
                                               QIODevice *target)
{
    const Result<FileReference> file = FileReference::parse(fileRef);
    if (!file)
        return QtFuture::makeReadyFuture(Result<qint64>(file.error()));
    if (!target || !target->isWritable()) {
        return QtFuture::makeReadyFuture(Result<qint64>(
            Error(Error::Kind::InvalidParams, u"invalid_target"_s)));
    }
    return (new FileDownload(*file, target, nullptr))->start(settings);
}

QFuture<Result<qint64>> FileDownload::toFile(const Settings &settings, const QJsonValue &fileRef,
                                             const QString &path)
{
    const Result<FileReference> file = FileReference::parse(fileRef);
    if (!file)
        return QtFuture::makeReadyFuture(Result<qint64>(file.error()));
    auto saveFile = std::make_unique<QSaveFile>(path);
    if (path.isEmpty() || !saveFile->open(QIODevice::WriteOnly)) {
        return QtFuture::makeReadyFuture(Result<qint64>(
            Error(Error::Kind::Storage, u"storage"_s, {{u"path"_s, path}, {u"message"_s, saveFile->errorString()}})));
    }
    QSaveFile *target = saveFile.get();
    return (new FileDownload(*file, target, std::move(saveFile)))->start(settings);
}

FileDownload::FileDownload(const FileReference &file, QIODevice *target, std::unique_ptr<QSaveFile> ownedFile)
    : m_file(file), m_target(target), m_ownedFile(std::move(ownedFile))
{
}

QFuture<Result<qint64>> FileDownload::start(const Settings &settings)
{
    m_promise.start();
    m_promise.setProgressRange(0, progressUnits(m_file.size, m_file.size));
    QUrl url = settings.baseUrl;
    url.setPath(u"/api/files/"_s + QString::fromLatin1(QUrl::toPercentEncoding(m_file.hash)), QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + settings.token.toUtf8());
    // A redirect could carry the token elsewhere; a download is never resent.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(TransferTimeoutMs);
    if (url.scheme() == u"https")
        request.setSslConfiguration(settings.ssl);
    m_manager = new QNetworkAccessManager(this);
    m_manager->setAutoDeleteReplies(true);
    m_reply = m_manager->get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &FileDownload::receive);
    connect(m_reply, &QNetworkReply::finished, this, &FileDownload::complete);
    return m_promise.future();
}

void FileDownload::receive()
{
    if (m_finished || m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
        return;
    const QByteArray chunk = m_reply->readAll();
    m_received += chunk.size();
    if (m_received > m_file.size) {
        finish(Error(Error::Kind::Protocol, u"hash_mismatch"_s,
                     {{u"hash"_s, m_file.hash}, {u"expected_size"_s, m_file.size}, {u"received_size"_s, m_received}}));
        m_reply->abort();
        return;
    }
    m_hash.addData(chunk);
    if (m_target->write(chunk) != chunk.size()) {
        finish(Error(Error::Kind::Storage, u"storage"_s, {{u"message"_s, m_target->errorString()}}));
        m_reply->abort();
        return;
    }
    m_promise.setProgressValue(progressUnits(m_received, m_file.size));
}

void FileDownload::complete()
{
    if (m_finished)
        return;
    if (m_reply->error() != QNetworkReply::NoError
        || m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200) {
        finish(replyError());
        return;
    }
    receive();
    if (m_finished)
        return;
    const QString actual = u"sha256:"_s + QString::fromLatin1(m_hash.result().toHex());
    if (m_received != m_file.size || actual != m_file.hash) {
        finish(Error(Error::Kind::Protocol, u"hash_mismatch"_s,
                     {{u"hash"_s, m_file.hash}, {u"received_hash"_s, actual},
                      {u"expected_size"_s, m_file.size}, {u"received_size"_s, m_received}}));
        return;
    }
    if (m_ownedFile && !m_ownedFile->commit()) {
        finish(Error(Error::Kind::Storage, u"storage"_s, {{u"message"_s, m_ownedFile->errorString()}}));
        return;
    }
    finish(m_received);
}

Error FileDownload::replyError() const
{
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject detail{{u"hash"_s, m_file.hash}, {u"status"_s, status}};
    switch (status) {
    case 0:
        break;
    case 401:
        return Error(Error::Kind::Unauthorized, u"unauthorized"_s, detail);
    case 403:
        return Error(Error::Kind::Unauthorized, u"forbidden"_s, detail);
    case 404:
        return Error(Error::Kind::NotFound, u"not_found"_s, detail);
    default:
        return Error(Error::Kind::Http, u"http"_s, detail);
    }
    if (m_reply->error() == QNetworkReply::OperationCanceledError)
        return Error(Error::Kind::Timeout, u"timeout"_s, {{u"hash"_s, m_file.hash}});
    return Error(Error::Kind::Network, u"network"_s, {{u"hash"_s, m_file.hash}, {u"message"_s, m_reply->errorString()}});
}

void FileDownload::finish(const Result<qint64> &result)
{
    if (m_finished)
        return;
    m_finished = true;
    // A file target that did not arrive whole is not left behind.
    if (m_ownedFile && !result)
        m_ownedFile->cancelWriting();
    m_promise.addResult(result);
    Threading::releaseToQt();
    m_promise.finish();
    deleteLater();
}

} // namespace Dust::Internal
