// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustlistmodeltester.h"

#include "dusttestsupport_p.h"

#include <dustlistmodel.h>

#include <QtCore/qpointer.h>
#include <QtTest/qabstractitemmodeltester.h>

using namespace Qt::StringLiterals;

namespace Dust {

class ListModelTesterPrivate
{
public:
    QPointer<ListModel> model;
    QString failure;
};

ListModelTester::ListModelTester(ListModel *model, QObject *parent)
    : QObject(parent), d(std::make_unique<ListModelTesterPrivate>())
{
    d->model = model;
    if (!model) {
        qCWarning(lcTest) << "ListModelTester: the model is null";
        return;
    }
    new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
}

ListModelTester::~ListModelTester() = default;

ListModel *ListModelTester::model() const
{
    return d->model;
}

QStringList ListModelTester::slugs() const
{
    QStringList out;
    if (!d->model)
        return out;
    for (int row = 0; row < d->model->rowCount(); ++row)
        out.append(d->model->data(d->model->index(row), ListModel::SlugRole).toString());
    return out;
}

bool ListModelTester::waitForSlugs(const QStringList &expected, int timeout)
{
    TestSupport::Waiter waiter([&] {
        return d->model && d->model->status() == ListModel::Status::Ready && slugs() == expected;
    });
    if (d->model) {
        waiter.wakeOn(d->model.get(), &QAbstractItemModel::rowsInserted);
        waiter.wakeOn(d->model.get(), &QAbstractItemModel::rowsRemoved);
        waiter.wakeOn(d->model.get(), &QAbstractItemModel::rowsMoved);
        waiter.wakeOn(d->model.get(), &QAbstractItemModel::modelReset);
        waiter.wakeOn(d->model.get(), &ListModel::statusChanged);
    }
    const TestSupport::Waiter::Outcome outcome = waiter.wait(timeout);
    if (outcome == TestSupport::Waiter::Outcome::Done) {
        d->failure.clear();
        return true;
    }
    QString state = TestText::tr("the model is gone");
    if (d->model) {
        state = TestText::tr("the model is %1 and holds [%2]")
                        .arg(QString::fromLatin1(QMetaEnum::fromType<ListModel::Status>()
                                                         .valueToKey(int(d->model->status()))),
                             slugs().join(u", "_s));
        if (d->model->status() == ListModel::Status::Error)
            state += u"; "_s + d->model->error().toString();
    }
    d->failure = outcome == TestSupport::Waiter::Outcome::TestFailed
            ? TestText::tr("ListModelTester: stopped waiting for [%1], the test had already failed; %2.")
                      .arg(expected.join(u", "_s), state)
            : TestText::tr("ListModelTester: the rows were not [%1] within %2 ms; %3.")
                      .arg(expected.join(u", "_s)).arg(timeout).arg(state);
    qCWarning(lcTest).noquote() << d->failure;
    return false;
}

QString ListModelTester::failureMessage() const
{
    return d->failure;
}

} // namespace Dust
