#include "TrafficPage.h"

#include "SavedTrafficFilters.h"
#include "TrafficDetailPane.h"
#include "TrafficExport.h"
#include "TrafficFilter.h"
#include "TrafficModel.h"
#include "TrafficProxyModel.h"
#include "TrafficStoreReader.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCompleter>
#include <QDateTime>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPersistentModelIndex>
#include <QPointer>
#include <QScrollBar>
#include <QSet>
#include <QSplitter>
#include <QStringListModel>
#include <QTableView>
#include <QThreadPool>
#include <QToolButton>
#include <QVBoxLayout>

namespace understudy {

namespace {

// The word under the cursor of a space-separated expression: [start, end).
std::pair<qsizetype, qsizetype> currentWord(const QString &text, qsizetype cursor)
{
    qsizetype start = cursor;
    while (start > 0 && !text[start - 1].isSpace())
        --start;
    qsizetype end = cursor;
    while (end < text.size() && !text[end].isSpace())
        ++end;
    return {start, end};
}

} // namespace

TrafficPage::TrafficPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new TrafficModel(this))
    , m_proxy(new TrafficProxyModel(this))
    , m_view(new QTableView(this))
    , m_detail(new TrafficDetailPane(this))
{
    m_proxy->setTrafficModel(m_model);
    m_detail->setBaseUrl(m_baseUrl);

    m_view->setObjectName(QStringLiteral("trafficTable"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // arrival order until the user sorts
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // Uniform row heights: the view never measures rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    const int widths[TrafficModel::ColumnCount] = {95, 60, 110, 55, 150, 230, 65, 65, 75, 75, 70, 70};
    for (int c = 0; c < TrafficModel::ColumnCount; ++c)
        header->resizeSection(c, widths[c]);
    connect(header, &QHeaderView::customContextMenuRequested, this, &TrafficPage::showHeaderMenu);

    QScrollBar *bar = m_view->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int value) {
        if (m_scrolling)
            return;
        m_follow = value >= bar->maximum();
        // Scrolling up to the top of history asks the log for more.
        if (!m_follow && value == bar->minimum() && bar->maximum() > 0)
            loadOlder();
    });
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar](int, int max) {
        if (!m_follow)
            return;
        m_scrolling = true;
        bar->setValue(max);
        m_scrolling = false;
    });
    // Rows evicted above the viewport would shift what the user is reading.
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, [this, bar](const QModelIndex &, int first, int last) {
        if (m_follow || first >= bar->value())
            return;
        const int above = std::min(last, bar->value() - 1) - first + 1;
        m_scrolling = true;
        bar->setValue(bar->value() - above);
        m_scrolling = false;
    });

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TrafficPage::onCurrentChanged);
    connect(m_model, &TrafficModel::batchInserted, this, &TrafficPage::updateCounts);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TrafficPage::updateCounts);

    auto *layout = new QVBoxLayout(this);
    buildFilterBar(layout);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    // The detail pane's size hint would take most of the height otherwise.
    splitter->setSizes({600, 400});
    layout->addWidget(splitter, 1);
    updateCounts();
}

TrafficPage::~TrafficPage() = default;

void TrafficPage::buildFilterBar(QLayout *parentLayout)
{
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("trafficFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter: status>=500 route:chat served:anthropic fallback:yes "
                                        "duration>2s \"timeout\" -outcome:status_429"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setToolTip(tr("Terms separated by spaces must all match; '-' negates a term.\n"
                                "status>=500, status:429, status:5xx, route:chat, served:anthropic,\n"
                                "method:post, outcome:status_5xx, fallback:yes|no, duration>2s,\n"
                                "ttft>500ms, target:openai (any attempt's target), after:14:05, before:14:10:30\n"
                                "(HH:MM[:SS] today, ISO 8601 or epoch ms),\n"
                                "\"free text\" (path, request id, served by, outcomes)"));
    m_filterError = new QLabel(this);
    m_filterError->setObjectName(QStringLiteral("trafficFilterError"));
    m_filterError->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_filterError->hide();

    // Completes the key of the word under the cursor, not the whole line.
    auto *completer = new QCompleter(new QStringListModel(TrafficFilter::completionKeys(), this), this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    completer->setWidget(m_filterEdit);
    connect(m_filterEdit, &QLineEdit::textEdited, this, [this, completer](const QString &text) {
        const auto [start, end] = currentWord(text, m_filterEdit->cursorPosition());
        QString word = text.mid(start, end - start);
        if (word.startsWith(QLatin1Char('-')))
            word.remove(0, 1);
        if (word.isEmpty() || word.contains(QLatin1Char(':')) || word.contains(QLatin1Char('>')) ||
            word.contains(QLatin1Char('<')) || word.contains(QLatin1Char('"'))) {
            completer->popup()->hide();
            return;
        }
        completer->setCompletionPrefix(word);
        if (completer->completionCount() > 0)
            completer->complete();
        else
            completer->popup()->hide();
    });
    connect(completer, qOverload<const QString &>(&QCompleter::activated), this, [this](const QString &key) {
        QString text = m_filterEdit->text();
        auto [start, end] = currentWord(text, m_filterEdit->cursorPosition());
        if (start < text.size() && text[start] == u'-')
            ++start;
        text.replace(start, end - start, key);
        m_filterEdit->setText(text);
        m_filterEdit->setCursorPosition(int(start + key.size()));
    });
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) { setFilterText(text); });

    m_pause = new QToolButton(this);
    m_pause->setObjectName(QStringLiteral("trafficPause"));
    m_pause->setText(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(
        tr("Stop the table; new requests are kept (the newest %1) and shown on resume").arg(m_model->rowCap()));
    connect(m_pause, &QToolButton::toggled, this, [this](bool on) { setPaused(on); });

    auto *clearButton = new QToolButton(this);
    clearButton->setText(tr("Clear"));
    connect(clearButton, &QToolButton::clicked, this, &TrafficPage::clear);

    auto *exportButton = new QToolButton(this);
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(exportButton);
    menu->addAction(tr("Selected as HAR…"), this, [this] { exportRows(true, true); });
    menu->addAction(tr("All shown as HAR…"), this, [this] { exportRows(true, false); });
    menu->addSeparator();
    menu->addAction(tr("Selected as JSON Lines…"), this, [this] { exportRows(false, true); });
    menu->addAction(tr("All shown as JSON Lines…"), this, [this] { exportRows(false, false); });
    exportButton->setMenu(menu);

    m_loadOlder = new QToolButton(this);
    m_loadOlder->setObjectName(QStringLiteral("trafficLoadOlder"));
    m_loadOlder->setText(tr("Load older"));
    m_loadOlder->setToolTip(tr("Read the next %1 older requests from the workspace's request log").arg(kOlderPageRows));
    m_loadOlder->setEnabled(false);
    connect(m_loadOlder, &QToolButton::clicked, this, &TrafficPage::loadOlder);

    auto *savedButton = new QToolButton(this);
    savedButton->setObjectName(QStringLiteral("trafficSavedFilters"));
    savedButton->setText(tr("Saved"));
    savedButton->setToolTip(tr("Saved filters"));
    savedButton->setPopupMode(QToolButton::InstantPopup);
    m_savedMenu = new SavedFiltersMenu([this] { return m_filterEdit->text(); }, savedButton);
    connect(m_savedMenu, &SavedFiltersMenu::applyRequested, this,
            [this](const QString &expression) { setFilterText(expression); });
    savedButton->setMenu(m_savedMenu);

    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("trafficCounts"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("trafficStatus"));
    m_status->setWordWrap(true);
    m_status->hide();

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filterEdit, 1);
    bar->addWidget(savedButton);
    bar->addWidget(m_pause);
    bar->addWidget(m_loadOlder);
    bar->addWidget(clearButton);
    bar->addWidget(exportButton);
    bar->addWidget(m_counts);
    auto *box = qobject_cast<QVBoxLayout *>(parentLayout);
    box->addLayout(bar);
    box->addWidget(m_filterError);
    box->addWidget(m_status);
}

std::function<void(const RequestTrail &)> TrafficPage::sink() const
{
    return m_model->sink();
}

void TrafficPage::setBaseUrl(const QString &baseUrl)
{
    m_baseUrl = baseUrl;
    m_detail->setBaseUrl(baseUrl);
}

bool TrafficPage::setFilterText(const QString &expression)
{
    if (m_filterEdit->text() != expression) {
        m_filterEdit->setText(expression); // comes back here through textChanged
        return m_filterValid;
    }
    auto filter = TrafficFilter::parse(expression);
    m_filterValid = filter.ok();
    if (!filter) {
        m_filterError->setText(filter.error().message);
        m_filterError->show();
        m_filterEdit->setStyleSheet(QStringLiteral("QLineEdit { border: 1px solid #c62828; }"));
        return false;
    }
    m_filterError->clear();
    m_filterError->hide();
    m_filterEdit->setStyleSheet({});
    m_proxy->setFilter(std::move(*filter));
    updateCounts();
    return true;
}

QString TrafficPage::filterError() const
{
    return m_filterError->text();
}

void TrafficPage::setPaused(bool paused)
{
    if (m_pause->isChecked() != paused)
        m_pause->setChecked(paused); // comes back through toggled
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    if (!paused && m_around)
        leaveAround();
    m_model->setPaused(paused);
}

bool TrafficPage::isPaused() const
{
    return m_model->isPaused();
}

void TrafficPage::clear()
{
    ++m_generation;
    m_loading = false;
    m_olderCursor.clear();
    m_olderExhausted = false;
    m_loadOlder->setEnabled(m_reader != nullptr);
    m_model->clear();
    m_detail->clear();
    m_follow = true;
    if (!m_around)
        setStatus({});
}

void TrafficPage::showHeaderMenu(const QPoint &pos)
{
    QMenu menu(this);
    QHeaderView *header = m_view->horizontalHeader();
    for (int c = 0; c < TrafficModel::ColumnCount; ++c) {
        QAction *action = menu.addAction(TrafficModel::columnTitle(c));
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(c));
        connect(action, &QAction::toggled, this, [header, c](bool on) { header->setSectionHidden(c, !on); });
    }
    menu.addSeparator();
    menu.addAction(tr("Arrival order"), this, [this] { m_view->sortByColumn(-1, Qt::AscendingOrder); });
    menu.exec(header->mapToGlobal(pos));
}

void TrafficPage::onCurrentChanged()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid())
        return; // keep showing the last one
    const QModelIndex source = m_proxy->mapToSource(current);
    m_detail->setTrail(m_model->trail(source.row()), m_model->logId(source.row()));
}

void TrafficPage::updateCounts()
{
    const QLocale locale;
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_counts->setText(shown == total ? tr("%1 requests").arg(locale.toString(total))
                                     : tr("%1 of %2 requests").arg(locale.toString(shown), locale.toString(total)));
}

std::vector<RequestTrail> TrafficPage::visibleTrails() const
{
    std::vector<RequestTrail> rows;
    rows.reserve(std::size_t(m_proxy->rowCount()));
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        rows.push_back(m_model->trail(m_proxy->mapToSource(m_proxy->index(r, 0)).row()));
    return rows;
}

std::vector<RequestTrail> TrafficPage::selectedTrails() const
{
    QModelIndexList selected = m_view->selectionModel()->selectedRows();
    std::sort(selected.begin(), selected.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    std::vector<RequestTrail> rows;
    for (const QModelIndex &index : selected)
        rows.push_back(m_model->trail(m_proxy->mapToSource(index).row()));
    return rows;
}

void TrafficPage::exportRows(bool har, bool selectedOnly)
{
    std::vector<RequestTrail> rows = selectedOnly ? selectedTrails() : visibleTrails();
    if (rows.empty()) {
        QMessageBox::information(this, tr("Export"), tr("There are no requests to export."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, har ? tr("Export as HAR") : tr("Export as JSON Lines"),
                                                      har ? QStringLiteral("understudy-traffic.har")
                                                          : QStringLiteral("understudy-traffic.jsonl"),
                                                      har ? tr("HTTP Archive (*.har)") : tr("JSON Lines (*.jsonl)"));
    if (path.isEmpty())
        return;
    // Serialising thousands of rows and writing the file runs on the
    // thread pool: the GUI thread does no file I/O.
    QPointer<TrafficPage> self(this);
    QThreadPool::globalInstance()->start([self, har, path, rows = std::move(rows), baseUrl = m_baseUrl] {
        const Result<void> written = har ? exportHar(path, rows, baseUrl) : exportJsonl(path, rows);
        if (written)
            return;
        const QString message = written.error().message;
        QMetaObject::invokeMethod(qApp, [self, message] {
            if (self)
                QMessageBox::warning(self, tr("Export"), message);
        });
    });
}

} // namespace understudy
