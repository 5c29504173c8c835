// An application that follows a topic through the PubSub bridge: it starts an
// in-process server, connects a client, subscribes to the "links" topic,
// writes a link and exits 0 once the subscription has delivered it.
#include "installcheck.h"

#include <dustclient.h>
#include <dustpubsub.h>
#include <dustrepo.h>
#include <dustserver.h>
#include <duststore.h>
#include <dustversion.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qtimer.h>

#include <cstdio>

using namespace Qt::StringLiterals;

static int fail(const QString &why)
{
    std::fprintf(stderr, "bridge_app: %s\n", qPrintable(why));
    return 1;
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);

    // The header, the library and the package config agree on the version.
    if (Dust::version() != QLatin1StringView(DUSTQT_VERSION_STR)
        || Dust::version() != QLatin1StringView(DUST_PACKAGE_VERSION))
        return fail(u"version mismatch: library %1, header %2, package %3"_s.arg(
            Dust::version(), QLatin1StringView(DUSTQT_VERSION_STR), QLatin1StringView(DUST_PACKAGE_VERSION)));

    Dust::ServerOptions options;
    options.port = 0;
    options.inMemory = true;
    options.stores = {u"acme/site"_s};
    Dust::Server server(options);
    if (const auto started = server.start(); !started)
        return fail(started.error().toString());

    Dust::Client client;
    client.setUrl(server.webSocketUrl());
    client.setToken(server.devToken());
    client.setStores({u"acme/site"_s});
    client.open();

    const auto links = Dust::Schema::fromDescriptor(QVariantMap{
        {u"name"_s, u"Link"_s},
        {u"prefix"_s, QStringList{u"links"_s}},
        {u"fields"_s, QVariantMap{{u"title"_s, u"string"_s}}}});
    if (!links)
        return fail(links.error().toString());
    Dust::Repo repo(&client, u"acme/site"_s);
    const auto sub = Dust::subscribeToPubSub(&repo, *links, Dust::PubSub::defaultHub(), u"links"_s, &app);
    if (!sub)
        return fail(sub.error().toString());

    int rc = 1;
    QString seen;
    auto write = [&] { client.store(u"acme/site"_s)->set(u"links/qt"_s, QJsonObject{{u"title"_s, u"Qt"_s}}); };
    QObject::connect(*sub, &Dust::TopicSubscription::stateChanged, &app, [&](Dust::TopicSubscription::State state) {
        if (state == Dust::TopicSubscription::State::Active)
            write();
    });
    if ((*sub)->state() == Dust::TopicSubscription::State::Active)
        write();
    QObject::connect(*sub, &Dust::TopicSubscription::upserted, &app, [&](const QVariantMap &record) {
        seen = record.value(u"slug"_s).toString() + u' ' + record.value(u"title"_s).toString();
        rc = seen == u"qt Qt"_s ? 0 : 1;
        QCoreApplication::quit();
    });
    QObject::connect(*sub, &Dust::TopicSubscription::errorOccurred, &app, [&](const Dust::Error &error) {
        seen = error.toString();
        QCoreApplication::quit();
    });
    QTimer::singleShot(20000, &app, [&] {
        seen = u"nothing within 20 s"_s;
        QCoreApplication::quit();
    });
    QCoreApplication::exec();

    if (rc != 0)
        return fail(u"expected the upsert of links/qt, got: "_s + seen);
    if (const QStringList outside = dustLibrariesOutsidePrefix(); !outside.isEmpty())
        return fail(u"DustQt libraries from outside the install prefix: "_s + outside.join(u", "_s));
    std::printf("bridge_app: saw %s through the bridge, DustQt %s from %s\n", qPrintable(seen),
                qPrintable(Dust::version()), DUST_INSTALL_PREFIX);
    return 0;
}
