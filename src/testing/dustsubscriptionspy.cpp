// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustsubscriptionspy.h"

#include "dusttestsupport_p.h"

#include <dusttopicsubscription.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonvalue.h>
#include <QtCore/qpointer.h>

using namespace Qt::StringLiterals;

namespace Dust {

namespace {

QString valueText(const QVariant &value)
{
    const QJsonValue json = QJsonValue::fromVariant(value);
    if (json.isObject())
        return QString::fromUtf8(QJsonDocument(json.toObject()).toJson(QJsonDocument::Compact));
    if (json.isArray())
        return QString::fromUtf8(QJsonDocument(json.toArray()).toJson(QJsonDocument::Compact));
    if (json.isNull() || json.isUndefined())
        return u"null"_s;
    return value.toString();
}

QString recordText(const QVariantMap &record)
{
    QStringList fields;
    for (auto it = record.cbegin(); it != record.cend(); ++it) {
        if (it.key() != u"slug")
            fields.append(it.key() + u": "_s + valueText(it.value()));
    }
    return u'{' + fields.join(u", "_s) + u'}';
}

QString stateName(TopicSubscription::State state)
{
    return QString::fromLatin1(QMetaEnum::fromType<TopicSubscription::State>().valueToKey(int(state)));
}

} // namespace

class SubscriptionSpyPrivate
{
public:
    bool waitUntil(const std::function<bool()> &done, int timeout, const QString &what);
    bool waitForMatch(SubscriptionSpy::Event::Kind kind, const QString &slug, int timeout,
                      const QString &what);

    SubscriptionSpy *q = nullptr;
    QPointer<TopicSubscription> subscription;
    bool valid = false;
    QList<SubscriptionSpy::Event> events;
    int matched = 0;
    QString failure;
};

bool SubscriptionSpyPrivate::waitUntil(const std::function<bool()> &done, int timeout, const QString &what)
{
    TestSupport::Waiter waiter(done);
    waiter.wakeOn(q, &SubscriptionSpy::recorded);
    const TestSupport::Waiter::Outcome outcome = waiter.wait(timeout);
    if (outcome == TestSupport::Waiter::Outcome::Done) {
        failure.clear();
        return true;
    }
    QString state = TestText::tr("the subscription is gone");
    if (subscription)
        state = TestText::tr("the subscription is %1").arg(stateName(subscription->state()));
    failure = outcome == TestSupport::Waiter::Outcome::TestFailed
            ? TestText::tr("SubscriptionSpy: %1 yet, and the test had already failed; %2.").arg(what, state)
            : TestText::tr("SubscriptionSpy: %1 within %2 ms; %3.").arg(what).arg(timeout).arg(state);
    failure += u'\n' + q->describe();
    qCWarning(lcTest).noquote() << failure;
    return false;
}

bool SubscriptionSpyPrivate::waitForMatch(SubscriptionSpy::Event::Kind kind, const QString &slug,
                                          int timeout, const QString &what)
{
    // Each event is looked at once, however many arrive during the wait.
    qsizetype next = matched;
    return waitUntil([&] {
        for (; next < events.size(); ++next) {
            const SubscriptionSpy::Event &e = events.at(next);
            if (e.kind == kind && (slug.isNull() || e.slug == slug)) {
                matched = int(next) + 1;
                return true;
            }
        }
        return false;
    }, timeout, matched > 0 ? TestText::tr("%1 after event %2").arg(what).arg(matched) : what);
}

QString SubscriptionSpy::Event::toString() const
{
    switch (kind) {
    case Kind::Snapshot: {
        QStringList slugs;
        for (const QVariantMap &r : records)
            slugs.append(r.value(u"slug"_s).toString());
        return u"snapshot ["_s + slugs.join(u", "_s) + u']';
    }
    case Kind::Upserted:
        return u'+' + slug + u' ' + recordText(record);
    case Kind::Deleted:
        return u'-' + slug;
    case Kind::ResyncRequired:
        return u"resync"_s;
    case Kind::Error:
        return u"error "_s + error.toString();
    }
    return {};
}

SubscriptionSpy::SubscriptionSpy(TopicSubscription *subscription, QObject *parent)
    : QObject(parent), d(std::make_unique<SubscriptionSpyPrivate>())
{
    d->q = this;
    d->subscription = subscription;
    d->valid = subscription != nullptr;
    if (!subscription) {
        qCWarning(lcTest) << "SubscriptionSpy: the subscription is null";
        return;
    }
    connect(subscription, &TopicSubscription::snapshotReceived, this, [this](const QList<QVariantMap> &records) {
        Event e;
        e.kind = Event::Kind::Snapshot;
        e.records = records;
        d->events.append(e);
        Q_EMIT recorded();
    });
    connect(subscription, &TopicSubscription::upserted, this, [this](const QVariantMap &record) {
        Event e;
        e.kind = Event::Kind::Upserted;
        e.slug = record.value(u"slug"_s).toString();
        e.record = record;
        d->events.append(e);
        Q_EMIT recorded();
    });
    connect(subscription, &TopicSubscription::deleted, this, [this](const QString &slug) {
        Event e;
        e.kind = Event::Kind::Deleted;
        e.slug = slug;
        d->events.append(e);
        Q_EMIT recorded();
    });
    connect(subscription, &TopicSubscription::resyncRequired, this, [this] {
        Event e;
        e.kind = Event::Kind::ResyncRequired;
        d->events.append(e);
        Q_EMIT recorded();
    });
    connect(subscription, &TopicSubscription::errorOccurred, this, [this](const Dust::Error &error) {
        Event e;
        e.kind = Event::Kind::Error;
        e.error = error;
        d->events.append(e);
        Q_EMIT recorded();
    });
}

SubscriptionSpy::~SubscriptionSpy() = default;

bool SubscriptionSpy::isValid() const
{
    return d->valid;
}

TopicSubscription *SubscriptionSpy::subscription() const
{
    return d->subscription;
}

QList<SubscriptionSpy::Event> SubscriptionSpy::events() const
{
    return d->events;
}

int SubscriptionSpy::count() const
{
    return int(d->events.size());
}

SubscriptionSpy::Event SubscriptionSpy::at(int i) const
{
    return d->events.value(i);
}

QStringList SubscriptionSpy::upsertedSlugs() const
{
    QStringList out;
    for (const Event &e : std::as_const(d->events)) {
        if (e.kind == Event::Kind::Upserted)
            out.append(e.slug);
    }
    return out;
}

QStringList SubscriptionSpy::deletedSlugs() const
{
    QStringList out;
    for (const Event &e : std::as_const(d->events)) {
        if (e.kind == Event::Kind::Deleted)
            out.append(e.slug);
    }
    return out;
}

int SubscriptionSpy::resyncCount() const
{
    return int(std::count_if(d->events.cbegin(), d->events.cend(), [](const Event &e) {
        return e.kind == Event::Kind::ResyncRequired;
    }));
}

QList<Error> SubscriptionSpy::errors() const
{
    QList<Error> out;
    for (const Event &e : std::as_const(d->events)) {
        if (e.kind == Event::Kind::Error)
            out.append(e.error);
    }
    return out;
}

QVariantMap SubscriptionSpy::record(const QString &slug) const
{
    for (auto it = d->events.crbegin(); it != d->events.crend(); ++it) {
        if (it->kind == Event::Kind::Upserted && it->slug == slug)
            return it->record;
        if (it->kind == Event::Kind::Deleted && it->slug == slug)
            return {};
    }
    return {};
}

void SubscriptionSpy::clear()
{
    d->events.clear();
    d->matched = 0;
    d->failure.clear();
}

bool SubscriptionSpy::waitForUpsert(const QString &slug, int timeout)
{
    return d->waitForMatch(Event::Kind::Upserted, slug, timeout,
                           TestText::tr("no upsert of \"%1\"").arg(slug));
}

bool SubscriptionSpy::waitForDelete(const QString &slug, int timeout)
{
    return d->waitForMatch(Event::Kind::Deleted, slug, timeout,
                           TestText::tr("no delete of \"%1\"").arg(slug));
}

bool SubscriptionSpy::waitForCount(int n, int timeout)
{
    return d->waitUntil([this, n] { return count() >= n; }, timeout,
                        n == 1 ? TestText::tr("no event") : TestText::tr("fewer than %1 events").arg(n));
}

bool SubscriptionSpy::waitForResync(int timeout)
{
    return d->waitForMatch(Event::Kind::ResyncRequired, QString(), timeout, TestText::tr("no resync"));
}

QString SubscriptionSpy::failureMessage() const
{
    return d->failure;
}

QString SubscriptionSpy::describe() const
{
    if (d->events.isEmpty())
        return TestText::tr("Nothing arrived.");
    QString out = d->events.size() == 1 ? TestText::tr("Arrived (1 event):")
                                        : TestText::tr("Arrived (%1 events):").arg(d->events.size());
    for (qsizetype i = 0; i < d->events.size(); ++i)
        out += u"\n  %1. "_s.arg(i + 1) + d->events.at(i).toString();
    return out;
}

} // namespace Dust
