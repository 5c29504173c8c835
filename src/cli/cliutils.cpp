// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "cliutils.h"

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qmetaobject.h>
#include <QtCore/qsocketnotifier.h>

#include <csignal>

#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Dust::Cli {

int stopSignal = 0;

void printLine(const QByteArray &line, FILE *stream)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

void printJson(const QJsonValue &value)
{
    printLine(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1));
}

int fail(const QString &message, int code)
{
    printLine(u"dust: %1"_s.arg(message).toLocal8Bit(), stderr);
    return code;
}

int fail(const Dust::Error &error)
{
    // Whatever a signal cut short is not an error of its own.
    if (stopSignal != 0)
        return 128 + stopSignal;
    const bool usage = error.kind() == Dust::Error::Kind::InvalidPath
        || error.kind() == Dust::Error::Kind::InvalidValue;
    return fail(u"%1: %2"_s.arg(error.code(), error.message()), usage ? Usage : Failed);
}

std::optional<QJsonValue> parseJson(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson('[' + text.toUtf8() + ']', &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return std::nullopt;
    return doc.array().at(0);
}

QString statusName(Dust::Client::Status status)
{
    return QString::fromLatin1(QMetaEnum::fromType<Dust::Client::Status>().valueToKey(int(status))).toLower();
}

QJsonObject entryJson(const Dust::Entry &entry)
{
    return {{u"path"_s, entry.path.toString()}, {u"value"_s, entry.value},
            {u"type"_s, Dust::Entry::typeName(entry.type)}, {u"revision"_s, entry.revision},
            {u"synced_at"_s, entry.syncedAt.isValid() ? QJsonValue(entry.syncedAt.toUTC().toString(Qt::ISODateWithMs))
                                                      : QJsonValue(QJsonValue::Null)}};
}

QJsonObject eventJson(const Dust::StoreEvent &e)
{
    using Source = Dust::StoreEvent::Source;
    if (e.source == Source::Bootstrap) {
        return {{u"type"_s, u"present"_s}, {u"path"_s, e.path.toString()}, {u"value"_s, e.value},
                {u"entry_type"_s, Dust::Entry::typeName(e.entryType)}, {u"store_seq"_s, e.storeSeq}};
    }
    QJsonObject out{{u"path"_s, e.path.toString()}, {u"op"_s, Dust::Op::name(e.op)}, {u"value"_s, e.value},
                    {u"source"_s, e.source == Source::Local ? u"local"_s : u"server"_s},
                    {u"committed"_s, e.committed}, {u"client_op_id"_s, e.clientOpId}};
    if (e.committed) {
        out.insert(u"store_seq"_s, e.storeSeq);
        out.insert(u"device_id"_s, e.deviceId);
        out.insert(u"was_own"_s, e.wasOwn);
    }
    if (!e.error.isNull())
        out.insert(u"error"_s, QJsonObject{{u"code"_s, e.error.code()}, {u"message"_s, e.error.message()}});
    return out;
}

namespace {

// SIGINT and SIGTERM end every command at any stage. The handler only
// writes the signal's number to a socket pair; the event loop reads it.
int signalPipe[2] = {-1, -1};

void onSignal(int number)
{
    const char byte = char(number);
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[1], &byte, 1);
}

} // namespace

bool installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return false;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, qApp);
    QObject::connect(notifier, &QSocketNotifier::activated, qApp, [] {
        char byte = 0;
        if (::read(signalPipe[0], &byte, 1) == 1 && stopSignal == 0) {
            stopSignal = byte;
            // Ends every running event loop, the nested ones included.
            QCoreApplication::exit(128 + stopSignal);
        }
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

} // namespace Dust::Cli
