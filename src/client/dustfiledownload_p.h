// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTFILEDOWNLOAD_P_H
#define DUSTFILEDOWNLOAD_P_H

#include <dustprivateapi_p.h>

#include <dustresult.h>

#include <QtCore/qcryptographichash.h>
#include <QtCore/qfuture.h>
#include <QtCore/qobject.h>
#include <QtCore/qpromise.h>
#include <QtCore/qsavefile.h>
#include <QtCore/qurl.h>
#include <QtNetwork/qsslconfiguration.h>

#include <memory>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QNetworkReply;
QT_END_NAMESPACE

namespace Dust::Internal {

// The fields of a file reference (protocol §5.4) a download checks against.
struct FileReference
{
    QString hash;   // "sha256:<64 lowercase hex>"
    qint64 size = 0;

    // "not_a_file_reference" unless `value` is {"_type": "file", "hash", "size", ...}.
    static Result<FileReference> parse(const QJsonValue &value);
};

/*
    One `GET /api/files/<hash>` (protocol §9) into a device or a file, on the
    thread that starts it. Bytes are hashed as they arrive; a download whose
    size or SHA-256 differs from the reference fails with "hash_mismatch",
    and a file target is then left as it was (QSaveFile). The object deletes
    itself once its future is finished.
*/
class FileDownload final : public QObject
{
public:
    struct Settings
    {
        QUrl baseUrl;   // http(s)://host:port
        QString token;
        QSslConfiguration ssl;
    };

    static QFuture<Result<qint64>> toDevice(const Settings &settings, const QJsonValue &fileRef, QIODevice *target);
    static QFuture<Result<qint64>> toFile(const Settings &settings, const QJsonValue &fileRef, const QString &path);
    // The HTTP base of a ws:// or wss:// client URL.
    static QUrl httpBase(const QUrl &socketUrl);

private:
    FileDownload(const FileReference &file, QIODevice *target, std::unique_ptr<QSaveFile> ownedFile);
    QFuture<Result<qint64>> start(const Settings &settings);
    void receive();
    void complete();
    Error replyError() const;
    void finish(const Result<qint64> &result);

    const FileReference m_file;
    QIODevice *const m_target;
    std::unique_ptr<QSaveFile> m_ownedFile;
    QNetworkAccessManager *m_manager = nullptr;
    QNetworkReply *m_reply = nullptr;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    qint64 m_received = 0;
    QPromise<Result<qint64>> m_promise;
    bool m_finished = false;
};

} // namespace Dust::Internal

#endif // DUSTFILEDOWNLOAD_P_H
