// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTQUICKVALUE_H
#define DUSTQUICKVALUE_H

#include <dustquickglobal.h>

#include <dusterror.h>

#include <QtCore/qobject.h>
#include <QtCore/qvariant.h>
#include <QtQml/qjsvalue.h>
#include <QtQml/qqml.h>
#include <QtQml/qqmlparserstatus.h>

#include <memory>

namespace Dust {

class QuickClient;
class QuickValuePrivate;

/*!
    DustValue: one path of a store, live, as a property. `value` is what the
    client's local copy holds at `path` (a subtree reads as an object),
    with `entryType` ("string", "counter", "set", ...), `revision` (the
    store_seq that last changed it) and `exists`; they follow every write,
    this client's and the other devices'.

    Assigning `value` writes it (`set`): the new value shows at once, and
    when the server refuses the write the old one comes back and `error`
    says why. increment(), add() and remove() do the same for counters and
    sets, clear() deletes the path. lease(), renew() and release() take a
    lease on the path; `leased` is true while this element holds one.

    `store` may be left out when the client has exactly one store. A path
    that is not valid, a missing client or a store the client does not have
    is the `error` (a Dust::Error, also errorOccurred() and a QML warning),
    and nothing is written.

    \code
    DustValue {
        id: visits
        client: client
        path: "stats/visits"
    }
    Button {
        text: qsTr("Visits: %1").arg(visits.value ?? 0)
        onClicked: visits.increment()
    }
    \endcode
*/
class DUST_QUICK_EXPORT QuickValue : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    Q_MOC_INCLUDE(<dustquickclient.h>)
    Q_PROPERTY(Dust::QuickClient *client READ client WRITE setClient NOTIFY clientChanged)
    Q_PROPERTY(QString store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(QString path READ path WRITE setPath NOTIFY pathChanged)
    Q_PROPERTY(QVariant value READ value WRITE setValue NOTIFY valueChanged)
    Q_PROPERTY(QString entryType READ entryType NOTIFY entryChanged)
    Q_PROPERTY(double revision READ revision NOTIFY entryChanged)
    Q_PROPERTY(bool exists READ exists NOTIFY entryChanged)
    Q_PROPERTY(bool leased READ isLeased NOTIFY leasedChanged)
    Q_PROPERTY(Dust::Error error READ error NOTIFY errorChanged)
    QML_NAMED_ELEMENT(DustValue)

public:
    explicit QuickValue(QObject *parent = nullptr);
    ~QuickValue() override;

    QuickClient *client() const;
    void setClient(QuickClient *client);
    /// "org/name"; empty means the client's only store.
    QString store() const;
    void setStore(const QString &store);
    /// A store path ("stats/visits").
    QString path() const;
    void setPath(const QString &path);

    /// The value at the path, or undefined when nothing is stored there.
    QVariant value() const;
    /// Writes `value` at the path (a JS object is a subtree).
    void setValue(const QVariant &value);
    /// The wire name of the entry's type; empty when nothing is stored.
    QString entryType() const;
    /// The store_seq of the write that last changed the value; 0 for none.
    double revision() const;
    bool exists() const;
    /// This element holds a lease on the path (from lease() until release()
    /// or a refused renew()).
    bool isLeased() const;
    /// Why the last operation failed or the declaration cannot work; isNull
    /// when nothing failed.
    Error error() const;

    /// Adds `delta` to the counter at the path.
    Q_INVOKABLE void increment(double delta = 1);
    /// Adds `member` to the set at the path.
    Q_INVOKABLE void add(const QJSValue &member);
    /// Removes `member` from the set at the path.
    Q_INVOKABLE void remove(const QJSValue &member);
    /// Deletes the value (and what lies below the path).
    Q_INVOKABLE void clear();
    /// Takes a lease on the path for `ttlMs`; `callback(result)` gets
    /// {operation, ok, token, expiresAt, holder, error}.
    Q_INVOKABLE void lease(int ttlMs = 30000, const QString &holder = QString(),
                           const QJSValue &callback = QJSValue());
    /// Extends the lease this element holds.
    Q_INVOKABLE void renew(int ttlMs = 30000, const QJSValue &callback = QJSValue());
    /// Gives the lease up; result.released is false when it had expired.
    Q_INVOKABLE void release(const QJSValue &callback = QJSValue());

    void classBegin() override;
    void componentComplete() override;

Q_SIGNALS:
    void clientChanged();
    void storeChanged();
    void pathChanged();
    void valueChanged();
    void entryChanged();
    void leasedChanged();
    void errorChanged();
    /// The error of every operation that failed.
    void errorOccurred(const Dust::Error &error);

private:
    friend class QuickValuePrivate;
    std::unique_ptr<QuickValuePrivate> d;
};

} // namespace Dust

#endif // DUSTQUICKVALUE_H
