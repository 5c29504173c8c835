// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTQUICKREPO_H
#define DUSTQUICKREPO_H

#include <dustquickglobal.h>

#include <dusterror.h>

#include <QtCore/qobject.h>
#include <QtCore/qpointer.h>
#include <QtCore/qurl.h>
#include <QtCore/qvariant.h>
#include <QtQml/qjsvalue.h>
#include <QtQml/qqml.h>
#include <QtQml/qqmlparserstatus.h>

#include <memory>

namespace Dust {

class QuickClient;
class QuickSchema;
class QuickRepoPrivate;
class Repo;

/*!
    DustRepo: reads and writes the records of `schema` in one store (a
    Dust::Repo). Given a `client` that has the store, it goes through the
    client's WebSocket connection (and its live local copy); otherwise it
    uses the REST API at `baseUrl` with `token`. `store` may be left out
    when the client has exactly one store.

    insert(), update(), remove(), get(), exists(), all(), deleteAll() and
    batchWrite() return at once; the outcome comes
    to the optional callback and to finished() as one result object:
    {operation, ok, slug, record, records, exists, storeSeq, count, error}
    (the members the operation gives), where `error` is a Dust::Error
    (code, kind, kindName, message, retryable, detail; `isNull` on
    success). Records are plain objects whose keys are the
    schema's fields (the slug included). insert() checks the required fields
    and the slug first: a record that fails is the error
    "invalid_changeset", whose detail.errors maps each field to its
    messages. update() writes the given fields over the stored record (a
    null clears a field); the other fields keep their values.

    `error` says why the repo cannot work as declared (no token for HTTP,
    no store, ...) until it can (`error.isNull`); it is also reported as a
    QML warning.

    \code
    DustRepo {
        id: repo
        client: client
        schema: links
        onErrorOccurred: (error) => status.text = error.message
    }
    Button {
        onClicked: repo.insert({ slug: "qt.io", title: "Qt", url: "https://qt.io" },
                               (result) => { if (!result.ok) form.show(result.error) })
    }
    Button {
        onClicked: repo.batchWrite([{ op: "insert", record: { slug: "a.org", url: "https://a.org" } },
                                    { op: "remove", slug: "old.org" }],
                                   (result) => console.log(result.ok, result.storeSeq))
    }
    \endcode
*/
class DUST_QUICK_EXPORT QuickRepo : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    Q_MOC_INCLUDE(<dustquickclient.h>)
    Q_MOC_INCLUDE(<dustquickschema.h>)
    Q_PROPERTY(Dust::QuickClient *client READ client WRITE setClient NOTIFY clientChanged)
    Q_PROPERTY(QString store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(QUrl baseUrl READ baseUrl WRITE setBaseUrl NOTIFY baseUrlChanged)
    Q_PROPERTY(QString token READ token WRITE setToken NOTIFY tokenChanged)
    Q_PROPERTY(Dust::QuickSchema *schema READ schema WRITE setSchema NOTIFY schemaChanged)
    Q_PROPERTY(Transport transport READ transport NOTIFY transportChanged)
    Q_PROPERTY(Dust::Error error READ error NOTIFY errorChanged)
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
    QML_NAMED_ELEMENT(DustRepo)

public:
    /// None: the declaration cannot work (see `error`).
    enum class Transport { None, WebSocket, Http };
    Q_ENUM(Transport)

    explicit QuickRepo(QObject *parent = nullptr);
    ~QuickRepo() override;

    QuickClient *client() const;
    void setClient(QuickClient *client);
    /// "org/name"; empty means the client's only store.
    QString store() const;
    void setStore(const QString &store);
    /// Default https://dustlayer.io; used when the client lacks the store.
    QUrl baseUrl() const;
    void setBaseUrl(const QUrl &url);
    QString token() const;
    void setToken(const QString &token);
    QuickSchema *schema() const;
    void setSchema(QuickSchema *schema);

    Transport transport() const;
    Error error() const;
    /// Operations are running.
    bool isBusy() const;

    /// Writes a new record (every field). `callback(result)` is optional.
    Q_INVOKABLE void insert(const QJSValue &record, const QJSValue &callback = QJSValue());
    /// Writes the fields of `record` (which names its slug) over the stored record.
    Q_INVOKABLE void update(const QJSValue &record, const QJSValue &callback = QJSValue());
    /// Deletes a record, given its slug or the record.
    Q_INVOKABLE void remove(const QJSValue &slugOrRecord, const QJSValue &callback = QJSValue());
    /// Reads one record: result.record is null when it does not exist.
    Q_INVOKABLE void get(const QString &slug, const QJSValue &callback = QJSValue());
    /// Whether anything is stored at the record's path: result.exists.
    Q_INVOKABLE void exists(const QString &slug, const QJSValue &callback = QJSValue());
    /// Reads every record of the schema: result.records, in slug order.
    Q_INVOKABLE void all(const QJSValue &callback = QJSValue());
    /// Deletes every record of the schema (one delete per record, so each
    /// subscriber sees each go); result.storeSeq is the last write's.
    Q_INVOKABLE void deleteAll(const QJSValue &callback = QJSValue());
    /// Commits all `ops` or none, in one HTTP request (over a client's
    /// WebSocket it is the error NotSupported): an array of
    /// `{op: "insert", record}`, `{op: "update", record}` (the fields given
    /// are written) and `{op: "remove", slug}`. An op that is none of these
    /// fails the whole batch with "unrecognized_batch_op" (detail.index),
    /// an insert that fails validation with "invalid_changeset"; nothing is
    /// written then. result.storeSeq is the batch's, result.count the number
    /// of record ops.
    Q_INVOKABLE void batchWrite(const QJSValue &ops, const QJSValue &callback = QJSValue());

    /// The C++ repo; nullptr until the declaration is complete. It is
    /// replaced (repoChanged()) when client, store, baseUrl or token change.
    Repo *repo() const;
    QString effectiveStore() const;

    void classBegin() override;
    void componentComplete() override;

Q_SIGNALS:
    void clientChanged();
    void storeChanged();
    void baseUrlChanged();
    void tokenChanged();
    void schemaChanged();
    void transportChanged();
    void errorChanged();
    void busyChanged();
    /// Every operation's result, success or not.
    void finished(const QVariant &result);
    /// The error of every operation that failed.
    void errorOccurred(const Dust::Error &error);
    /// repo() was replaced; subscriptions through the old one have ended.
    void repoChanged();

private:
    friend class QuickRepoPrivate;
    std::unique_ptr<QuickRepoPrivate> d;
};

} // namespace Dust

#endif // DUSTQUICKREPO_H
