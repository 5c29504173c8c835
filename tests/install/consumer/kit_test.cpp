// An app's own Qt Test, written with the installed DustQt::Test kit: another
// client adds a link and the subscription delivers it.
#include "installcheck.h"

#include <dusttest.h>
#include <dustpubsub.h>
#include <dustrepo.h>

#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;

class tst_Kit : public QObject
{
    Q_OBJECT
private slots:
    void seesAnotherClientsLink()
    {
        Dust::TestServer server;
        const auto links = *Dust::Schema::fromDescriptor(QVariantMap{{u"name"_s, u"Link"_s},
                {u"prefix"_s, QStringList{u"links"_s}}, {u"fields"_s, QVariantMap{{u"title"_s, u"string"_s}}}});
        Dust::Repo repo(server.client(), server.storeName());
        QObject view;
        Dust::SubscriptionSpy spy(*Dust::subscribeToPubSub(&repo, links, Dust::PubSub::defaultHub(),
                                                           u"links"_s, &view, {.includeCurrent = true}));
        QTRY_COMPARE(spy.subscription()->state(), Dust::TopicSubscription::State::Active);
        DUST_VERIFY(server.writeAs(u"phone"_s, Dust::Op::Kind::Set, u"links/qt"_s, QJsonObject{{u"title"_s, u"Qt"_s}}));
        QVERIFY2(spy.waitForUpsert(u"qt"_s), qPrintable(spy.failureMessage()));
        QCOMPARE(spy.record(u"qt"_s).value(u"title"_s), QVariant(u"Qt"_s));
        QCOMPARE(dustLibrariesOutsidePrefix(), QStringList());
    }
};

QTEST_MAIN(tst_Kit)
#include "kit_test.moc"
