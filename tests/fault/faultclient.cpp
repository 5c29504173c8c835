// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// dust-faultclient: one client process of the fault tests.
//
//   dust-faultclient --url U --token T --store S --index I --seed N --out FILE
//                    [--mode mixed|restart] [--cache DIR] [--heartbeat MS] [--window N]
//
// It connects a Dust::Client, keeps a committed-mode subscription on "**"
// and a Dust::ListModel on the "items" records (through the PubSub bridge),
// and writes a stream of ops with at most `window` unanswered at a time
// until told to stop. Lines on stdin: "stop" (finish the writes in flight,
// then print "written <issued> <acked> <rejected>"), "verify <head>" (wait
// until synced to the server's head, write the results as JSON to --out,
// print "verified", exit). Lines on stdout: "ready <device_id>", "written
// ...", "verified", "error <text>".
//
// mixed: set/merge/increment/add/remove/delete on paths of its own, an
// increment of a shared counter, a compare-and-set loop on a shared value,
// and record writes under items/. Its own paths are replayed into a
// reference model in issue order (the acknowledged writes only), so the
// test can check the server's final state against it.
// restart: one new path per write (set log/<run>_<n>, increment
// ctr/<run>_<n>), so a write applied twice or lost shows at the server.

#include <dustclient.h>
#include <dustfuture.h>
#include <dustlistmodel.h>
#include <dustpubsub.h>
#include <dustrepo.h>
#include <duststore.h>
#include <dustvaluemodel.h>

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qdeadlinetimer.h>
#include <QtCore/qfile.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qrandom.h>
#include <QtCore/qsocketnotifier.h>
#include <QtCore/qtimer.h>

#include <cstdio>
#include <functional>
#include <list>
#include <vector>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Dust;

namespace {

void say(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

Schema itemSchema()
{
    return *Schema::fromDescriptor(QVariantMap{
            {u"name"_s, u"Item"_s},
            {u"prefix"_s, QStringList{u"items"_s}},
            {u"fields"_s, QVariantMap{{u"title"_s, u"string"_s}, {u"count"_s, u"int"_s}}},
            {u"required"_s, QStringList{u"title"_s}}});
}

// Every leaf of `store` (or of `model`) as {path: value}.
QJsonObject leaves(const std::function<Result<Page>(const PageRequest &)> &enumerate)
{
    QJsonObject out;
    PageRequest request;
    request.limit = PageRequest::MaxLimit;
    for (;;) {
        const Result<Page> page = enumerate(request);
        if (!page)
            break;
        for (const Entry &entry : page->entries)
            out.insert(entry.path.toString(), entry.value);
        if (page->nextCursor.isEmpty())
            break;
        request.after = page->nextCursor;
    }
    return out;
}

QJsonObject recordsJson(QList<QVariantMap> records)
{
    QJsonObject out;
    for (const QVariantMap &record : records)
        out.insert(record.value(u"slug"_s).toString(), QJsonObject::fromVariantMap(record));
    return out;
}

class FaultClient : public QObject
{
public:
    struct Options
    {
        QUrl url;
        QString token;
        QString store;
        int index = 0;
        quint32 seed = 1;
        QString out;
        QString mode = u"mixed"_s;
        QString cache;
        int heartbeatMs = 1000;
        int window = 16;
    };

    explicit FaultClient(const Options &options);
    void start();
    void command(const QByteArray &line);

private:
    struct Write
    {
        Op::Kind kind = Op::Kind::Set;
        QString path;
        QJsonValue value;
        bool shared = false;
        bool cas = false;
        QFuture<Result<qint64>> future;
        bool done = false;
        bool ok = false;
    };

    void issueMore();
    void issue();
    void poll();
    void verify(qint64 head);
    void finish(qint64 head);
    QFuture<Result<qint64>> send(Write &op, const WriteOptions &options = {});

    Options m_options;
    QRandomGenerator m_random;
    Client m_client;
    Store *m_store = nullptr;
    Schema m_schema = itemSchema();
    std::unique_ptr<Repo> m_repo;
    std::unique_ptr<PubSub> m_hub;
    ListModel *m_model = nullptr;
    QTimer m_poll;
    std::list<Write> m_ops;                         // every write, in issue order
    std::vector<std::list<Write>::iterator> m_waiting; // the ones not answered yet
    qsizetype m_inFlight = 0;
    qsizetype m_acked = 0;
    qsizetype m_rejected = 0;
    qsizetype m_casAcked = 0;
    qsizetype m_casConflicts = 0;
    qsizetype m_sharedIncrements = 0;
    qsizetype m_cacheResyncs = 0;
    bool m_casInFlight = false;
    bool m_stopping = false;
    bool m_ready = false;
    QJsonArray m_errors;
    QJsonArray m_ackedSeqs;
    QList<qint64> m_committed;
    QString m_run;
    qint64 m_counter = 0;
};

FaultClient::FaultClient(const Options &options)
    : m_options(options), m_random(options.seed), m_client(options.url, options.token, {options.store})
{
    m_client.setReconnectDelays(std::chrono::milliseconds(5), std::chrono::milliseconds(200));
    m_client.setHeartbeatInterval(std::chrono::milliseconds(options.heartbeatMs));
    // A write waits for as long as the faults last; it is never given up.
    m_client.setWriteTimeout(std::chrono::minutes(30));
    if (!options.cache.isEmpty())
        m_client.setCacheDirectory(options.cache);
    m_store = m_client.store(options.store);
    m_run = QString::number(QRandomGenerator::system()->generate(), 36);
    m_poll.setInterval(1);
    connect(&m_poll, &QTimer::timeout, this, &FaultClient::poll);
}

void FaultClient::start()
{
    // Every committed event, in the order the client applied them.
    SubscribeOptions committed;
    committed.mode = SubscribeOptions::Mode::Committed;
    committed.maxQueueSize = 100'000'000;
    // Loading a cache that holds data jumps the state without events: one
    // resync then is the contract. Any other resync means events were lost.
    committed.onResync = [this] {
        if (!m_options.cache.isEmpty() && m_committed.isEmpty() && m_cacheResyncs == 0)
            ++m_cacheResyncs;
        else
            m_errors.append(u"committed subscription resynced"_s);
    };
    const Result<SubscriptionId> on = m_store->on(u"**"_s, this, [this](const StoreEvent &event) {
        m_committed.append(event.storeSeq);
    }, committed);
    if (!on)
        say(u"error subscribe: "_s + on.error().toString());

    m_client.open();
    if (m_options.mode == u"mixed") {
        m_repo = std::make_unique<Repo>(&m_client, m_options.store);
        m_hub = std::make_unique<PubSub>(u"fault"_s);
        m_model = new ListModel(this);
        m_model->setSchema(m_schema);
        TopicOptions topic;
        topic.includeCurrent = true;
        const Result<TopicSubscription *> sub = subscribeToPubSub(m_repo.get(), m_schema, m_hub.get(),
                                                                  u"items"_s, m_model, topic);
        if (!sub)
            say(u"error pubsub: "_s + sub.error().toString());
        else
            m_model->setSubscription(*sub);
    }
    connect(m_store, &Store::statusChanged, this, [this](Client::Status status) {
        if (status == Client::Status::Connected && !m_ready) {
            m_ready = true;
            say(u"ready "_s + m_client.deviceId());
            m_poll.start();
            issueMore();
        }
    });
    if (m_store->status() == Client::Status::Connected && !m_ready) {
        m_ready = true;
        say(u"ready "_s + m_client.deviceId());
        m_poll.start();
        issueMore();
    }
}

QFuture<Result<qint64>> FaultClient::send(Write &op, const WriteOptions &options)
{
    switch (op.kind) {
    case Op::Kind::Set:
        return m_store->set(op.path, op.value, options);
    case Op::Kind::Delete:
        return m_store->remove(op.path, options);
    case Op::Kind::Merge:
        return m_store->merge(op.path, op.value.toObject(), options);
    case Op::Kind::Increment:
        return m_store->increment(op.path, op.value.toDouble(), options);
    case Op::Kind::Add:
        return m_store->addMember(op.path, op.value, options);
    case Op::Kind::Remove:
        return m_store->removeMember(op.path, op.value, options);
    default:
        return {};
    }
}

void FaultClient::issueMore()
{
    while (!m_stopping && m_inFlight < m_options.window)
        issue();
}

void FaultClient::issue()
{
    Write op;
    const QString me = u"c%1"_s.arg(m_options.index);
    const auto pick = [this](int n) { return int(m_random.bounded(n)); };
    WriteOptions options;
    if (m_options.mode == u"restart") {
        const qint64 n = ++m_counter;
        if (n % 2) {
            op.kind = Op::Kind::Set;
            op.path = u"log/%1_%2"_s.arg(m_run).arg(n);
            op.value = n;
        } else {
            op.kind = Op::Kind::Increment;
            op.path = u"ctr/%1_%2"_s.arg(m_run).arg(n);
            op.value = 1;
        }
    } else {
        int r = pick(100);
        if (r >= 80 && r < 85 && m_casInFlight)
            r = 0;
        if (r < 20) {
            op.kind = Op::Kind::Set;
            op.path = u"%1/reg/k%2"_s.arg(me).arg(pick(20));
            op.value = pick(1000000);
        } else if (r < 30) {
            op.kind = Op::Kind::Delete;
            op.path = u"%1/reg/k%2"_s.arg(me).arg(pick(20));
        } else if (r < 40) {
            op.kind = Op::Kind::Merge;
            op.path = u"%1/map/k%2"_s.arg(me).arg(pick(10));
            op.value = QJsonObject{{u"f%1"_s.arg(pick(5)), pick(1000)}};
        } else if (r < 55) {
            op.kind = Op::Kind::Increment;
            op.path = u"%1/ctr/k%2"_s.arg(me).arg(pick(10));
            op.value = 1 + pick(5);
        } else if (r < 65) {
            op.kind = Op::Kind::Add;
            op.path = u"%1/set/k%2"_s.arg(me).arg(pick(5));
            op.value = u"m%1"_s.arg(pick(10));
        } else if (r < 70) {
            op.kind = Op::Kind::Remove;
            op.path = u"%1/set/k%2"_s.arg(me).arg(pick(5));
            op.value = u"m%1"_s.arg(pick(10));
        } else if (r < 80) {
            op.kind = Op::Kind::Increment;
            op.path = u"shared/total"_s;
            op.value = 1;
            op.shared = true;
        } else if (r < 85) {
            // Compare-and-set: read the confirmed revision, write value + 1.
            op.kind = Op::Kind::Set;
            op.path = u"shared/cas"_s;
            op.shared = true;
            op.cas = true;
            const std::optional<Entry> current = m_store->entry(op.path);
            if (current) {
                options.ifMatch = current->revision;
                op.value = current->value.toInteger() + 1;
            } else {
                options.ifAbsent = true;
                op.value = 1;
            }
            m_casInFlight = true;
        } else if (r < 93) {
            op.kind = Op::Kind::Set;
            op.path = u"items/%1_%2/title"_s.arg(me).arg(pick(30));
            op.value = u"t%1"_s.arg(pick(1000));
        } else if (r < 98) {
            op.kind = Op::Kind::Increment;
            op.path = u"items/%1_%2/count"_s.arg(me).arg(pick(30));
            op.value = 1;
        } else {
            op.kind = Op::Kind::Delete;
            op.path = u"items/%1_%2"_s.arg(me).arg(pick(30));
        }
    }
    op.future = send(op, options);
    m_ops.push_back(std::move(op));
    m_waiting.push_back(std::prev(m_ops.end()));
    ++m_inFlight;
}

void FaultClient::poll()
{
    bool settled = false;
    for (auto it = m_waiting.begin(); it != m_waiting.end();) {
        Write &op = **it;
        if (!op.future.isFinished()) {
            ++it;
            continue;
        }
        const Result<qint64> result = Dust::takeResult(op.future);
        op.done = true;
        op.future = {};
        it = m_waiting.erase(it);
        --m_inFlight;
        settled = true;
        if (op.cas)
            m_casInFlight = false;
        if (result) {
            op.ok = true;
            ++m_acked;
            m_ackedSeqs.append(*result);
            if (op.cas)
                ++m_casAcked;
            else if (op.shared)
                ++m_sharedIncrements;
        } else if (op.cas && result.error().kind() == Error::Kind::Conflict) {
            ++m_rejected;
            ++m_casConflicts;
        } else {
            ++m_rejected;
            m_errors.append(u"%1 %2: %3"_s.arg(Op::name(op.kind), op.path, result.error().toString()));
        }
    }
    if (settled)
        issueMore();
    if (m_stopping && m_inFlight == 0 && m_poll.isActive()) {
        m_poll.stop();
        say(u"written %1 %2 %3"_s.arg(m_ops.size()).arg(m_acked).arg(m_rejected));
    }
}

void FaultClient::command(const QByteArray &line)
{
    const QList<QByteArray> words = line.trimmed().split(' ');
    if (words.value(0) == "stop") {
        m_stopping = true;
        if (!m_poll.isActive())
            m_poll.start();
    } else if (words.value(0) == "verify") {
        verify(words.value(1).toLongLong());
    }
}

void FaultClient::verify(qint64 head)
{
    QDeadlineTimer deadline(std::chrono::minutes(5));
    auto *timer = new QTimer(this);
    timer->setInterval(10);
    connect(timer, &QTimer::timeout, this, [this, head, deadline, timer] {
        const bool synced = m_store->lastStoreSeq() >= head && m_store->pendingWrites() == 0
            && m_inFlight == 0 && (m_committed.isEmpty() ? head == 0 : m_committed.last() >= m_store->lastStoreSeq());
        bool modelReady = true;
        if (synced && m_model) {
            // The model follows through the bridge: wait until it shows what all() says.
            auto all = m_repo->all(m_schema);
            all.waitForFinished();
            const Result<QList<QVariantMap>> records = Dust::takeResult(all);
            QList<QVariantMap> rows;
            for (int i = 0; i < m_model->rowCount(); ++i)
                rows.append(m_model->get(i));
            modelReady = m_model->status() == ListModel::Status::Ready && records
                && recordsJson(rows) == recordsJson(*records);
        }
        if ((synced && modelReady) || deadline.hasExpired()) {
            timer->stop();
            timer->deleteLater();
            finish(head);
        }
    });
    timer->start();
}

void FaultClient::finish(qint64 head)
{
    QJsonObject out;
    out.insert(u"device"_s, m_client.deviceId());
    out.insert(u"issued"_s, qint64(m_ops.size()));
    out.insert(u"acked"_s, qint64(m_acked));
    out.insert(u"rejected"_s, qint64(m_rejected));
    out.insert(u"casAcked"_s, qint64(m_casAcked));
    out.insert(u"casConflicts"_s, qint64(m_casConflicts));
    out.insert(u"sharedIncrements"_s, qint64(m_sharedIncrements));
    out.insert(u"errors"_s, m_errors);
    out.insert(u"ackedSeqs"_s, m_ackedSeqs);
    out.insert(u"head"_s, head);
    out.insert(u"lastStoreSeq"_s, m_store->lastStoreSeq());
    out.insert(u"pending"_s, qint64(m_store->pendingWrites()));
    out.insert(u"state"_s, leaves([this](const PageRequest &r) { return m_store->enumerate(u"**"_s, r); }));

    // The committed subscription: every seq once, in order.
    qint64 duplicates = 0;
    qint64 outOfOrder = 0;
    qint64 gaps = 0;
    for (qsizetype i = 1; i < m_committed.size(); ++i) {
        const qint64 previous = m_committed.at(i - 1);
        const qint64 seq = m_committed.at(i);
        if (seq == previous)
            ++duplicates;
        else if (seq < previous)
            ++outOfOrder;
        else if (seq != previous + 1)
            gaps += seq - previous - 1;
    }
    out.insert(u"committed"_s, QJsonObject{{u"count"_s, qint64(m_committed.size())},
                                           {u"first"_s, m_committed.isEmpty() ? 0 : m_committed.first()},
                                           {u"last"_s, m_committed.isEmpty() ? 0 : m_committed.last()},
                                           {u"duplicates"_s, duplicates},
                                           {u"outOfOrder"_s, outOfOrder},
                                           {u"gaps"_s, gaps},
                                           {u"cacheResyncs"_s, qint64(m_cacheResyncs)}});

    if (m_options.mode == u"mixed") {
        // The reference: this client's own paths with its acknowledged
        // writes replayed in issue order, as the server must have applied them.
        ValueModel reference;
        qint64 seq = 0;
        for (const Write &op : m_ops) {
            if (!op.ok || op.shared)
                continue;
            reference.apply(op.kind, *Path::parse(op.path), op.value, ++seq);
        }
        out.insert(u"reference"_s, leaves([&](const PageRequest &r) {
            return reference.enumerate(*Glob::compile(u"**"_s), r);
        }));

        auto all = m_repo->all(m_schema);
        all.waitForFinished();
        const Result<QList<QVariantMap>> records = Dust::takeResult(all);
        QList<QVariantMap> rows;
        for (int i = 0; i < m_model->rowCount(); ++i)
            rows.append(m_model->get(i));
        const QJsonObject modelJson = recordsJson(rows);
        const QJsonObject allJson = records ? recordsJson(*records) : QJsonObject();
        out.insert(u"model"_s, QJsonObject{{u"rows"_s, qint64(rows.size())},
                                           {u"all"_s, records ? qint64(records->size()) : -1},
                                           {u"equal"_s, records && modelJson == allJson},
                                           {u"status"_s, int(m_model->status())}});
    }

    QFile file(m_options.out);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(out).toJson()) < 0) {
        say(u"error cannot write "_s + m_options.out);
        QCoreApplication::exit(1);
        return;
    }
    file.close();
    // Tear down in order: the bridge before the Repo, the Repo before the client.
    delete m_model;
    m_model = nullptr;
    m_hub.reset();
    m_repo.reset();
    m_client.close();
    say(u"verified"_s);
    QCoreApplication::quit();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption url(u"url"_s, u"WebSocket URL"_s, u"url"_s);
    const QCommandLineOption token(u"token"_s, u"token"_s, u"token"_s);
    const QCommandLineOption store(u"store"_s, u"store"_s, u"store"_s);
    const QCommandLineOption index(u"index"_s, u"client index"_s, u"n"_s, u"0"_s);
    const QCommandLineOption seed(u"seed"_s, u"random seed"_s, u"n"_s, u"1"_s);
    const QCommandLineOption out(u"out"_s, u"result file"_s, u"file"_s);
    const QCommandLineOption mode(u"mode"_s, u"mixed or restart"_s, u"mode"_s, u"mixed"_s);
    const QCommandLineOption cache(u"cache"_s, u"cache directory"_s, u"dir"_s);
    const QCommandLineOption heartbeat(u"heartbeat"_s, u"heartbeat interval"_s, u"ms"_s, u"1000"_s);
    const QCommandLineOption window(u"window"_s, u"writes in flight"_s, u"n"_s, u"16"_s);
    parser.addOptions({url, token, store, index, seed, out, mode, cache, heartbeat, window});
    parser.process(app);

    FaultClient::Options options;
    options.url = QUrl(parser.value(url));
    options.token = parser.value(token);
    options.store = parser.value(store);
    options.index = parser.value(index).toInt();
    options.seed = parser.value(seed).toUInt();
    options.out = parser.value(out);
    options.mode = parser.value(mode);
    options.cache = parser.value(cache);
    options.heartbeatMs = parser.value(heartbeat).toInt();
    options.window = std::max(1, parser.value(window).toInt());

    FaultClient client(options);
    QByteArray pending;
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&] {
        char buffer[256];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            input.setEnabled(false);
            return;
        }
        pending.append(buffer, n);
        qsizetype newline;
        while ((newline = pending.indexOf('\n')) >= 0) {
            const QByteArray line = pending.left(newline);
            pending.remove(0, newline + 1);
            client.command(line);
        }
    });
    client.start();
    return QCoreApplication::exec();
}
