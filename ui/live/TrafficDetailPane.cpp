#include "TrafficDetailPane.h"

#include "AttemptWaterfall.h"
#include "TrafficExport.h"
#include "config/Outcome.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace understudy {

TrafficDetailPane::TrafficDetailPane(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_waterfall(new AttemptWaterfall(this))
    , m_table(new QTableWidget(0, 8, this))
    , m_copyCurl(new QPushButton(tr("Copy as curl"), this))
{
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_waterfall->setObjectName(QStringLiteral("attemptWaterfall"));
    m_table->setObjectName(QStringLiteral("attemptTable"));
    m_table->setHorizontalHeaderLabels({tr("Step"), tr("Target"), tr("Outcome"), tr("Status"), tr("Retry-After"),
                                        tr("Breaker"), tr("Duration"), tr("Decision")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_copyCurl->setEnabled(false);
    m_copyCurl->setToolTip(tr("The trail keeps no body: the command reads it from request.json"));
    connect(m_copyCurl, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(curlText()); });

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_copyCurl, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_waterfall);
    layout->addWidget(m_table, 1);
    clear();
}

QString TrafficDetailPane::curlText() const
{
    return m_trail ? curlCommand(*m_trail, m_baseUrl) : QString();
}

void TrafficDetailPane::clear()
{
    m_trail.reset();
    m_summary->setText(tr("No request selected."));
    m_waterfall->clear();
    m_table->setRowCount(0);
    m_copyCurl->setEnabled(false);
}

void TrafficDetailPane::setTrail(const RequestTrail &t)
{
    m_trail = t;
    QString summary = tr("%1 %2  ·  %3  ·  HTTP %4  ·  %5 ms")
                          .arg(t.method, t.path, QString::fromLatin1(t.requestId))
                          .arg(t.status)
                          .arg(t.durationMs);
    summary += QLatin1Char('\n');
    summary += t.servedBy.isEmpty() ? tr("Not served (%1)").arg(outcomeClassName(t.outcome))
                                    : tr("Served by %1").arg(t.servedBy);
    if (t.fallbackDepth > 0)
        summary += tr(" after %n fallback step(s)", nullptr, t.fallbackDepth);
    if (t.cached)
        summary += tr(" · from cache");
    if (t.staticAnswer)
        summary += tr(" · static answer");
    if (t.degraded)
        summary += tr(" · degraded");
    if (t.ttftMs >= 0)
        summary += tr(" · TTFT %1 ms").arg(t.ttftMs);
    m_summary->setText(summary);
    m_waterfall->setTrail(t);

    m_table->setRowCount(int(t.attempts.size()));
    for (int row = 0; row < int(t.attempts.size()); ++row) {
        const AttemptRecord &a = t.attempts[std::size_t(row)];
        const QStringList cells{a.stepPath,
                                a.target,
                                outcomeClassName(a.outcome),
                                a.upstreamStatus > 0 ? QString::number(a.upstreamStatus) : QStringLiteral("–"),
                                a.retryAfterMs ? tr("%1 ms").arg(*a.retryAfterMs) : QStringLiteral("–"),
                                a.breakerState.isEmpty() ? QStringLiteral("–") : a.breakerState,
                                tr("%1 ms").arg(a.durationMs),
                                a.decision};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            if (column == 2)
                item->setForeground(AttemptWaterfall::outcomeColor(a.outcome));
            m_table->setItem(row, column, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_copyCurl->setEnabled(true);
}

} // namespace understudy
