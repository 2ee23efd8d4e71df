// TrafficPage's history half: paging older rows in from the request log and
// the "show around" view. Kept apart from TrafficPage.cpp (the live table
// and filter bar) so each file stays readable.

#include "TrafficDetailPane.h"
#include "TrafficModel.h"
#include "TrafficPage.h"
#include "TrafficProxyModel.h"
#include "TrafficStoreReader.h"

#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QPersistentModelIndex>
#include <QScrollBar>
#include <QSet>
#include <QTableView>
#include <QToolButton>

namespace understudy {

namespace {

QString clockText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
}

// A filter value, quoted when it holds a space.
QString filterValue(const QString &text)
{
    return text.contains(QLatin1Char(' ')) ? QLatin1Char('"') + text + QLatin1Char('"') : text;
}

} // namespace

void TrafficPage::setRequestLogPath(const QString &workspacePath)
{
    if (m_reader && m_reader->workspacePath() == workspacePath)
        return;
    // Rows of another workspace's log (their row ids, the "older than"
    // point) mean nothing in this one.
    if (m_reader)
        clear();
    ++m_generation; // reads of the old log are dropped
    m_detail->setStoreReader(nullptr);
    m_reader.reset();
    if (!workspacePath.isEmpty())
        m_reader = std::make_unique<TrafficStoreReader>(workspacePath);
    m_detail->setStoreReader(m_reader.get());
    m_loading = false;
    m_olderCursor.clear();
    m_olderExhausted = false;
    m_loadOlder->setEnabled(m_reader != nullptr);
    m_loadOlder->setToolTip(
        m_reader ? tr("Read the next %1 older requests from the workspace's request log").arg(kOlderPageRows)
                 : tr("This workspace keeps no request log"));
}

QString TrafficPage::requestLogPath() const
{
    return m_reader ? m_reader->workspacePath() : QString();
}

QString TrafficPage::statusText() const
{
    return m_status->text();
}

void TrafficPage::setStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void TrafficPage::loadOlder()
{
    if (!m_reader || m_loading || m_olderExhausted || m_around)
        return;
    if (m_model->pinnedCount() >= m_model->maxPinnedRows()) {
        setStatus(tr("The table holds the most older requests it keeps (%1); Clear to start again.")
                      .arg(m_model->maxPinnedRows()));
        return;
    }
    RequestFilter filter;
    if (m_olderCursor.isEmpty() && m_model->rowCount() > 0) {
        // Rows arrive in the order they finished, the log orders them by
        // start: begin at the earliest start in the table. Ties and slow
        // requests that started earlier but are already shown come back
        // too; insertStored drops those by request id.
        qint64 earliest = m_model->trail(0).startedAtMs;
        for (int row = 1; row < m_model->rowCount(); ++row)
            earliest = std::min(earliest, m_model->trail(row).startedAtMs);
        filter.toMs = earliest + 1;
    }
    m_loading = true;
    m_loadOlder->setEnabled(false);
    setStatus(tr("Reading older requests from the log…"));
    const quint64 generation = m_generation;
    m_reader->find(filter, kOlderPageRows, m_olderCursor, this, [this, generation](Result<RequestPage> page) {
        if (generation != m_generation)
            return;
        m_loading = false;
        m_loadOlder->setEnabled(true);
        if (!page) {
            setStatus(tr("Could not read the request log: %1").arg(page.error().message));
            emit olderLoaded(0);
            return;
        }
        const bool last = page->nextCursor.isEmpty();
        m_olderCursor = page->nextCursor;
        m_olderExhausted = last;
        const int inserted = insertStored(std::move(page->rows), true);
        m_loadOlder->setEnabled(!last);
        setStatus(last ? tr("Loaded %n older request(s); the log has no older ones.", nullptr, inserted)
                       : tr("Loaded %n older request(s) from the log.", nullptr, inserted));
        emit olderLoaded(inserted);
    });
}

int TrafficPage::insertStored(std::vector<LoggedRequest> newestFirst, bool keepViewport)
{
    QSet<QByteArray> shown;
    shown.reserve(m_model->rowCount());
    for (int row = 0; row < m_model->rowCount(); ++row)
        shown.insert(m_model->trail(row).requestId);
    std::vector<RequestTrail> trails;
    std::vector<qint64> ids;
    trails.reserve(newestFirst.size());
    ids.reserve(newestFirst.size());
    for (auto it = newestFirst.rbegin(); it != newestFirst.rend(); ++it) {
        if (shown.contains(it->trail.requestId))
            continue;
        shown.insert(it->trail.requestId);
        trails.push_back(std::move(it->trail));
        ids.push_back(it->id);
    }
    if (trails.empty())
        return 0;
    // Rows inserted above the viewport would push what the user is reading
    // down: keep the top row where it was unless the table follows.
    const QPersistentModelIndex top = m_view->indexAt(QPoint(1, 1));
    const int inserted = m_model->insertOlder(std::move(trails), std::move(ids));
    if (keepViewport && !m_follow && top.isValid()) {
        m_scrolling = true;
        m_view->doItemsLayout();
        m_view->scrollTo(top, QAbstractItemView::PositionAtTop);
        m_scrolling = false;
    }
    return inserted;
}

void TrafficPage::showAround(qint64 atMs, const QString &target)
{
    const qint64 from = atMs - kAroundWindowMs;
    const qint64 to = atMs + kAroundWindowMs;
    if (!m_reader) {
        // No log to read: narrow the live rows to the same window instead.
        // before: is exclusive; the log window includes its end.
        setFilterText(QStringLiteral("target:%1 after:%2 before:%3").arg(filterValue(target)).arg(from).arg(to + 1));
        setStatus(tr("Showing live requests for %1 from %2 to %3 (the workspace keeps no request log). "
                     "Clear the filter to see all requests.")
                      .arg(target, clockText(from), clockText(to)));
        emit aroundLoaded(m_proxy->rowCount());
        return;
    }
    setPaused(true);
    m_around = true;
    clear(); // bumps the generation: reads still running are dropped
    m_olderExhausted = true;
    m_loadOlder->setEnabled(false);
    m_aroundFilter = QStringLiteral("target:") + filterValue(target);
    setFilterText(m_aroundFilter);
    setStatus(tr("Reading the requests around %1 from the log…").arg(clockText(atMs)));
    RequestFilter filter;
    filter.fromMs = from;
    filter.toMs = to + 1;
    m_loading = true;
    const quint64 generation = m_generation;
    m_reader->find(filter, kAroundMaxRows, {}, this, [this, generation, target, from, to](Result<RequestPage> page) {
        if (generation != m_generation)
            return;
        m_loading = false;
        if (!page) {
            setStatus(tr("Could not read the request log: %1. Press Resume to go back to live "
                         "traffic.")
                          .arg(page.error().message));
            emit aroundLoaded(0);
            return;
        }
        const bool capped = !page->nextCursor.isEmpty();
        insertStored(std::move(page->rows), false);
        QString text = tr("Requests from the log from %1 to %2 that went to or fell back from %3: "
                          "%n shown.",
                          nullptr, m_proxy->rowCount())
                           .arg(clockText(from), clockText(to), target);
        if (capped)
            text += QLatin1Char(' ') + tr("Only the newest %1 of that window were read.").arg(kAroundMaxRows);
        text += QLatin1Char(' ') + tr("Press Resume to go back to live traffic.");
        setStatus(text);
        emit aroundLoaded(m_model->rowCount());
    });
}

void TrafficPage::leaveAround()
{
    m_around = false;
    const bool ownFilter = m_filterEdit->text() == m_aroundFilter;
    m_aroundFilter.clear();
    clear();
    if (ownFilter)
        setFilterText({});
    setStatus({});
}

} // namespace understudy
