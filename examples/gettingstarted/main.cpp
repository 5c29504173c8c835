// Getting started (docs/getting-started.md): a client that writes to a Dust
// store and watches it change. It talks to the server at $DUST_URL with
// $DUST_TOKEN (e.g. a running dust-devserver); with --embedded it starts a
// throw-away server in-process instead, which is how CI runs it.
#include <dustclient.h>
#include <dustserver.h>
#include <duststore.h>

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qtimer.h>

#include <memory>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption embedded(u"embedded"_s, u"Start an in-memory Dust server in-process."_s);
    const QCommandLineOption msgpack(u"msgpack"_s, u"Speak MessagePack frames instead of JSON."_s);
    parser.addOptions({embedded, msgpack});
    parser.addHelpOption();
    parser.process(app);

    // [server]
    std::unique_ptr<Dust::Server> server;
    QUrl url(qEnvironmentVariable("DUST_URL", u"ws://127.0.0.1:7755/ws/sync"_s));
    QString token = qEnvironmentVariable("DUST_TOKEN");
    if (parser.isSet(embedded)) {
        Dust::ServerOptions options;
        options.port = 0;          // any free port
        options.inMemory = true;   // nothing on disk
        server = std::make_unique<Dust::Server>(options);
        if (const Dust::Result<void> started = server->start(); !started) {
            qCritical() << "cannot start the server:" << started.error();
            return 1;
        }
        url = server->webSocketUrl();
        token = server->devToken();
    }
    // [server]

    // [client]
    Dust::Client client(url, token, {u"acme/site"_s});
    if (parser.isSet(msgpack))
        client.setFrameFormat(Dust::Client::FrameFormat::MessagePack);
    QObject::connect(&client, &Dust::Client::errorOccurred, &app, [](const Dust::Error &error) {
        qWarning() << "client error:" << error;
    });
    Dust::Store *site = client.store(u"acme/site"_s);
    // [client]

    // [subscribe]
    // Committed events: one per write the server applied, ours included.
    Dust::SubscribeOptions committed;
    committed.mode = Dust::SubscribeOptions::Mode::Committed;
    const auto subscription = site->on(u"posts/*"_s, &app, [&](const Dust::StoreEvent &event) {
        qInfo().noquote() << "store_seq" << event.storeSeq << Dust::Op::name(event.op)
                          << event.path.toString() << event.value;
        if (event.path.toString() == u"posts/hello")
            QCoreApplication::quit();
    }, committed);
    if (!subscription) {
        qCritical() << subscription.error();
        return 1;
    }
    // [subscribe]

    // [write]
    client.open();
    // Writes apply to the local copy at once and are sent when connected.
    // The returned QFuture<Result<qint64>> finishes with the store_seq, or
    // with the Error if the server rejects the write.
    site->set(u"posts/hello"_s, QJsonObject{{u"title"_s, u"Hello, Dust"_s}, {u"likes"_s, 0}});
    qInfo() << "local copy:" << site->get(u"posts/hello/title"_s).value_or(QJsonValue());
    // [write]

    QTimer::singleShot(15000, &app, [] {
        qCritical("no event from the server within 15 s");
        QCoreApplication::exit(1);
    });
    return QCoreApplication::exec();
}
