#include "LogsPage.h"

#include "AppLogBuffer.h"
#include "LogEventFeed.h"
#include "LogTableModel.h"
#include "TailFollower.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace understudy {

LogsPage::LogsPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new LogTableModel(this))
    , m_proxy(new LogFilterProxy(this))
    , m_view(new QTableView(this))
    , m_detail(new QPlainTextEdit(this))
    , m_events(new LogEventFeed(this))
{
    m_proxy->setLogModel(m_model);

    m_view->setObjectName(QStringLiteral("logsTable"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->verticalHeader()->hide();
    // Uniform row heights: the view never measures rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    const int widths[LogTableModel::ColumnCount] = {95, 70, 170, 170, 400};
    for (int c = 0; c < LogTableModel::ColumnCount; ++c)
        header->resizeSection(c, widths[c]);
    m_follower = new TailFollower(m_view, m_proxy);

    m_detail->setObjectName(QStringLiteral("logsDetail"));
    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText(tr("Select a line to see its detail."));
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *copy = new QAction(tr("Copy"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copy, &QAction::triggered, this, &LogsPage::copySelection);
    m_view->addAction(copy);

    connect(m_view, &QTableView::customContextMenuRequested, this, &LogsPage::showContextMenu);
    connect(m_view, &QTableView::doubleClicked, this, [this] { showTrafficAroundCurrent(); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LogsPage::onCurrentChanged);
    connect(m_model, &LogTableModel::batchInserted, this, &LogsPage::updateCounts);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LogsPage::updateCounts);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &LogsPage::updateCounts);
    connect(m_events, &LogEventFeed::eventsArrived, m_model, &LogTableModel::append);
    connect(m_events, &LogEventFeed::historyLoaded, m_model, &LogTableModel::mergeOlder);
    connect(m_events, &LogEventFeed::historyFailed, this, [this](const QString &message) {
        m_status->setText(tr("Older events could not be read: %1").arg(message));
        m_status->show();
    });

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("logsStatus"));
    m_status->setWordWrap(true);
    m_status->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buildToolBar());
    layout->addWidget(m_status);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);
    onCurrentChanged();
    updateCounts();
}

LogsPage::~LogsPage()
{
    // Unsubscribe before the children go.
    m_events->setObservability(nullptr);
}

QLayout *LogsPage::buildToolBar()
{
    m_level = new QComboBox(this);
    m_level->setObjectName(QStringLiteral("logsLevel"));
    m_level->setToolTip(tr("Show lines at this level and above"));
    for (LogLevel level : {LogLevel::Debug, LogLevel::Info, LogLevel::Warning, LogLevel::Error})
        m_level->addItem(tr("%1 and above").arg(levelDisplayName(level)), int(level));
    m_level->setItemText(m_level->count() - 1, levelDisplayName(LogLevel::Error));
    connect(m_level, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setMinimumLevel(LogLevel(m_level->currentData().toInt()));
        updateCounts();
    });

    m_sources = new QComboBox(this);
    m_sources->setObjectName(QStringLiteral("logsSources"));
    m_sources->addItem(tr("Events and application log"), int(LogFilterProxy::Sources::All));
    m_sources->addItem(tr("Events"), int(LogFilterProxy::Sources::Events));
    m_sources->addItem(tr("Application log"), int(LogFilterProxy::Sources::AppLog));
    connect(m_sources, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setSources(LogFilterProxy::Sources(m_sources->currentData().toInt()));
        updateCounts();
    });

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("logsSearch"));
    m_search->setPlaceholderText(tr("Search message, subject, kind or category"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setSearchText(text);
        updateCounts();
    });

    m_pause = new QToolButton(this);
    m_pause->setObjectName(QStringLiteral("logsPause"));
    m_pause->setText(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Stop the table; new lines are kept (the newest %1) and shown on resume")
                            .arg(QLocale().toString(m_model->rowCap())));
    connect(m_pause, &QToolButton::toggled, this, [this](bool on) { setPaused(on); });

    auto *clearButton = new QToolButton(this);
    clearButton->setObjectName(QStringLiteral("logsClear"));
    clearButton->setText(tr("Clear"));
    connect(clearButton, &QToolButton::clicked, this, &LogsPage::clear);

    auto *copyButton = new QToolButton(this);
    copyButton->setObjectName(QStringLiteral("logsCopy"));
    copyButton->setText(tr("Copy"));
    copyButton->setToolTip(tr("Copy the selected lines"));
    connect(copyButton, &QToolButton::clicked, this, &LogsPage::copySelection);

    m_jump = new QToolButton(this);
    m_jump->setObjectName(QStringLiteral("logsShowTraffic"));
    m_jump->setText(tr("Show traffic around this"));
    m_jump->setToolTip(tr("Open the Traffic page at this event's time, filtered to its target"));
    connect(m_jump, &QToolButton::clicked, this, [this] { showTrafficAroundCurrent(); });

    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("logsCounts"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_level);
    bar->addWidget(m_sources);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_pause);
    bar->addWidget(clearButton);
    bar->addWidget(copyButton);
    bar->addWidget(m_jump);
    bar->addWidget(m_counts);
    return bar;
}

void LogsPage::setObservability(Observability *observability)
{
    m_status->hide();
    m_events->setObservability(observability);
}

Observability *LogsPage::observability() const
{
    return m_events->observability();
}

void LogsPage::setAppLogBuffer(AppLogBuffer *buffer)
{
    if (m_appLog == buffer)
        return;
    if (m_appLog)
        disconnect(m_appLog, nullptr, this, nullptr);
    m_appLog = buffer;
    if (!buffer)
        return;
    // Listen first, then take the ring: lines delivered later that the
    // ring already had are skipped by their sequence number.
    connect(buffer, &AppLogBuffer::linesAppended, this, &LogsPage::onAppLines);
    const std::vector<LogEntry> lines = buffer->lines(&m_appLogSeen);
    m_model->mergeOlder(QList<LogEntry>(lines.begin(), lines.end()));
}

void LogsPage::onAppLines(const QList<LogEntry> &lines, qint64 firstSequence)
{
    const qint64 skip = std::clamp(m_appLogSeen - firstSequence + 1, qint64(0), qint64(lines.size()));
    m_appLogSeen = std::max(m_appLogSeen, firstSequence + qint64(lines.size()) - 1);
    if (skip == 0)
        m_model->append(lines);
    else if (skip < lines.size())
        m_model->append(lines.mid(skip));
}

void LogsPage::setMinimumLevel(LogLevel level)
{
    m_level->setCurrentIndex(m_level->findData(int(level)));
}

void LogsPage::setSources(LogFilterProxy::Sources sources)
{
    m_sources->setCurrentIndex(m_sources->findData(int(sources)));
}

void LogsPage::setSearchText(const QString &text)
{
    m_search->setText(text);
}

void LogsPage::setPaused(bool paused)
{
    if (m_pause->isChecked() != paused)
        m_pause->setChecked(paused); // comes back through toggled
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_model->setPaused(paused);
}

bool LogsPage::isPaused() const
{
    return m_model->isPaused();
}

void LogsPage::clear()
{
    m_model->clear();
    m_detail->clear();
    m_follower->setFollowing(true);
    onCurrentChanged();
}

bool LogsPage::isFollowing() const
{
    return m_follower->isFollowing();
}

QString LogsPage::selectedText() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList lines;
    for (const QModelIndex &index : rows)
        lines << entryAsText(m_model->entry(m_proxy->mapToSource(index).row()));
    return lines.join(QLatin1Char('\n'));
}

void LogsPage::copySelection()
{
    const QString text = selectedText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

std::optional<LogEntry> LogsPage::currentEntry() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return m_model->entry(m_proxy->mapToSource(current).row());
}

bool LogsPage::showTrafficAroundCurrent()
{
    const std::optional<LogEntry> entry = currentEntry();
    if (!entry || !hasTrafficTarget(*entry))
        return false;
    emit showTrafficAround(entry->atMs, entry->subject);
    return true;
}

void LogsPage::showContextMenu(const QPoint &pos)
{
    QMenu menu(this);
    const std::optional<LogEntry> entry = currentEntry();
    QAction *jump = menu.addAction(tr("Show traffic around this"), this, [this] { showTrafficAroundCurrent(); });
    jump->setEnabled(entry && hasTrafficTarget(*entry));
    menu.addAction(tr("Copy"), this, &LogsPage::copySelection)->setEnabled(m_view->selectionModel()->hasSelection());
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void LogsPage::onCurrentChanged()
{
    const std::optional<LogEntry> entry = currentEntry();
    m_jump->setEnabled(entry && hasTrafficTarget(*entry));
    if (!entry)
        return; // keep showing the last one
    QString text = QStringLiteral("%1  %2  %3")
                       .arg(QDateTime::fromMSecsSinceEpoch(entry->atMs).toString(Qt::ISODateWithMs),
                            levelDisplayName(entry->level), entry->source);
    if (!entry->subject.isEmpty())
        text += QStringLiteral("  ") + entry->subject;
    text += QStringLiteral("\n\n") + entry->message;
    if (entry->origin == LogOrigin::Event)
        text +=
            QStringLiteral("\n\n") + QString::fromUtf8(QJsonDocument(entry->detail).toJson(QJsonDocument::Indented));
    m_detail->setPlainText(text);
}

void LogsPage::updateCounts()
{
    const QLocale locale;
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_counts->setText(shown == total ? tr("%n lines", nullptr, total)
                                     : tr("%1 of %n lines", nullptr, total).arg(locale.toString(shown)));
}

} // namespace understudy
