// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTLISTMODELTESTER_H
#define DUSTLISTMODELTESTER_H

#include <dusttestglobal.h>

#include <QtCore/qobject.h>
#include <QtCore/qstringlist.h>

#include <memory>

namespace Dust {

class ListModel;
class ListModelTesterPrivate;

/*!
    Watches a Dust::ListModel in a test: a QAbstractItemModelTester checks
    every change the model makes (failing the running Qt Test function when
    one breaks the model contract), and waitForSlugs() waits until the rows
    hold exactly the given slugs in the given order. A wait that fails warns
    (category dust.test) and failureMessage() shows the expected and the
    actual rows.

    \code
    Dust::ListModelTester rows(model);
    server.writeAs(u"phone"_s, Dust::Op::Kind::Set, u"links/b"_s, QJsonObject{{u"title"_s, u"B"_s}});
    QVERIFY2(rows.waitForSlugs({u"a"_s, u"b"_s}), qPrintable(rows.failureMessage()));
    \endcode
*/
class DUST_TEST_EXPORT ListModelTester : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultTimeout = 5000;

    explicit ListModelTester(ListModel *model, QObject *parent = nullptr);
    ~ListModelTester() override;

    ListModel *model() const;
    /// The slug of every row, top to bottom.
    QStringList slugs() const;
    /// Until slugs() == `slugs`, and the model is Ready.
    bool waitForSlugs(const QStringList &slugs, int timeout = DefaultTimeout);
    /// Why the last wait failed; empty after a wait that succeeded.
    QString failureMessage() const;

private:
    std::unique_ptr<ListModelTesterPrivate> d;
};

} // namespace Dust

#endif // DUSTLISTMODELTESTER_H
