#include "TrafficDetailPane.h"

#include "AttemptWaterfall.h"
#include "ChainPathView.h"
#include "StoredExchangeView.h"
#include "TrafficExport.h"
#include "TrafficStoreReader.h"
#include "config/Outcome.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace understudy {

namespace {

// How long to wait before asking the log again for a live row it did not
// have: the writer commits its batches about every 100 ms, a busy one later.
constexpr int kRetryAfterMs = 1500;

} // namespace

TrafficDetailPane::TrafficDetailPane(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_path(new ChainPathView(this))
    , m_waterfall(new AttemptWaterfall(this))
    , m_table(new QTableWidget(0, 8, this))
    , m_requestView(new StoredExchangeView(this))
    , m_responseView(new StoredExchangeView(this))
    , m_reload(new QPushButton(tr("Reload"), this))
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

    m_path->setObjectName(QStringLiteral("chainPath"));
    m_reload->setObjectName(QStringLiteral("reloadStored"));
    m_reload->setToolTip(tr("Read this request's headers and bodies from the request log again"));
    m_reload->hide();
    connect(m_reload, &QPushButton::clicked, this, &TrafficDetailPane::reloadStored);

    auto *pathScroll = new QScrollArea(this);
    pathScroll->setWidget(m_path);
    pathScroll->setWidgetResizable(true);
    pathScroll->setFrameShape(QFrame::NoFrame);
    pathScroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    pathScroll->setFixedHeight(m_path->minimumSizeHint().height() + 18);
    auto *attempts = new QWidget(this);
    auto *attemptsLayout = new QVBoxLayout(attempts);
    attemptsLayout->setContentsMargins(0, 0, 0, 0);
    attemptsLayout->addWidget(pathScroll);
    attemptsLayout->addWidget(m_waterfall);
    attemptsLayout->addWidget(m_table, 1);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->addTab(attempts, tr("Attempts"));
    m_tabs->addTab(m_requestView, tr("Request"));
    m_tabs->addTab(m_responseView, tr("Response"));

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_copyCurl);
    buttons->addWidget(m_reload);
    buttons->addStretch();
    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);
    clear();
}

QString TrafficDetailPane::curlText() const
{
    return m_trail ? curlCommand(*m_trail, m_baseUrl) : QString();
}

void TrafficDetailPane::clear()
{
    m_trail.reset();
    m_logId = 0;
    ++m_serial; // late stored reads are for a request no longer shown
    m_summary->setText(tr("No request selected."));
    m_path->clear();
    m_waterfall->clear();
    m_table->setRowCount(0);
    m_copyCurl->setEnabled(false);
    m_reload->hide();
    setStoredMessage(tr("No request selected."));
}

void TrafficDetailPane::setTrail(const RequestTrail &t, qint64 logId)
{
    m_trail = t;
    m_logId = logId;
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
    m_copyCurl->setEnabled(true);
    showAttempts(t);
    reloadStored();
}

void TrafficDetailPane::showAttempts(const RequestTrail &t)
{
    m_path->setAttempts(t.attempts);
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
}

void TrafficDetailPane::setStoredMessage(const QString &message)
{
    m_requestView->setMessage(message);
    m_responseView->setMessage(message);
}

void TrafficDetailPane::reloadStored()
{
    ++m_serial;
    m_reload->hide();
    if (!m_trail)
        return;
    if (!m_reader) {
        setStoredMessage(tr("Headers and bodies are not stored: this workspace keeps no request log."));
        emit storedLoaded();
        return;
    }
    setStoredMessage(tr("Reading the request log…"));
    fetchStored(1);
}

void TrafficDetailPane::setStoredTabsVisible(bool visible)
{
    m_tabs->setTabVisible(m_tabs->indexOf(m_requestView), visible);
    m_tabs->setTabVisible(m_tabs->indexOf(m_responseView), visible);
}

void TrafficDetailPane::setStoreReader(TrafficStoreReader *reader)
{
    if (reader == m_reader)
        return;
    m_reader = reader;
    // Bumps the serial (a retry or answer for the old reader finds nothing
    // to do) and reads the shown request from the new one, if any.
    reloadStored();
}

void TrafficDetailPane::fetchStored(int retries)
{
    if (!m_reader)
        return;
    const quint64 serial = m_serial;
    auto done = [this, serial, retries](const Result<LoggedRequest> &result) { onStored(serial, retries, result); };
    if (m_logId > 0)
        m_reader->request(m_logId, this, done);
    else
        m_reader->requestById(m_trail->requestId, m_trail->startedAtMs, this, done);
}

void TrafficDetailPane::onStored(quint64 serial, int retries, const Result<LoggedRequest> &result)
{
    if (serial != m_serial || !m_trail)
        return; // the selection moved on
    if (!result) {
        if (result.error().code == u"not_found" && retries > 0) {
            QTimer::singleShot(kRetryAfterMs, this, [this, serial, retries] {
                if (serial == m_serial && m_trail)
                    fetchStored(retries - 1);
            });
            return;
        }
        setStoredMessage(result.error().code == u"not_found"
                             ? tr("This request is not in the request log (yet, or no longer). "
                                  "Reload to look again.")
                             : tr("Could not read the request log: %1").arg(result.error().message));
        m_reload->show();
        emit storedLoaded();
        return;
    }
    const LoggedRequest &stored = *result;
    if (m_trail->attempts.empty() && !stored.trail.attempts.empty()) {
        m_trail->attempts = stored.trail.attempts;
        showAttempts(*m_trail);
    }
    if (stored.hasBodies) {
        m_requestView->setExchange(stored.requestHeadersJson, stored.requestBody, stored.bodiesTruncated);
        m_responseView->setExchange(stored.responseHeadersJson, stored.responseBody, stored.bodiesTruncated);
    } else {
        setStoredMessage(tr("Headers and bodies are not stored for this request: its route does not "
                            "have log_bodies turned on."));
    }
    emit storedLoaded();
}

} // namespace understudy
