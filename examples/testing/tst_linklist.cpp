// A widget app's test with DustQt::Test: other clients add and change a link, the list shows it.
#include <dusttest.h>
#include <dustlistmodel.h>
#include <dustpubsub.h>
#include <dustrepo.h>

#include <QtTest/qtest.h>
#include <QtWidgets/qlistview.h>

using namespace Qt::StringLiterals;

class tst_LinkList : public QObject
{
    Q_OBJECT
private slots:
    void showsLinksAddedElsewhere()
    {
        Dust::TestServer server; // a server, a token, a joined client
        const auto links = *Dust::Schema::fromDescriptor(QVariantMap{{u"name"_s, u"Link"_s},
                {u"prefix"_s, QStringList{u"links"_s}}, {u"fields"_s, QVariantMap{{u"title"_s, u"string"_s}}}});
        Dust::Repo repo(server.client(), server.storeName());
        Dust::ListModel model; // the app's list of link titles
        model.setSchema(links);
        model.setDisplayRole(u"title"_s);
        model.setSubscription(*Dust::subscribeToPubSub(&repo, links, Dust::PubSub::defaultHub(),
                                                       u"links"_s, &model, {.includeCurrent = true}));
        QListView view;
        view.setModel(&model);

        DUST_VERIFY(server.writeAs(u"phone"_s, Dust::Op::Kind::Set, u"links/qt"_s,
                                   QJsonObject{{u"title"_s, u"Qt"_s}}));
        QTRY_COMPARE(view.model()->index(0, 0).data().toString(), u"Qt"_s);
        DUST_VERIFY(server.writeAs(u"laptop"_s, Dust::Op::Kind::Set, u"links/qt/title"_s, u"Qt 6"_s));
        QTRY_COMPARE(view.model()->index(0, 0).data().toString(), u"Qt 6"_s);
    }
};

QTEST_MAIN(tst_LinkList)
#include "tst_linklist.moc"
