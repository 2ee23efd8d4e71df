#include "PlaygroundPage.h"

#include "PlaygroundExchange.h"
#include "PlaygroundForm.h"
#include "TrailCatcher.h"
#include "http/ErrorBody.h"
#include "live/TrafficDetailPane.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QUuid>
#include <QVBoxLayout>

namespace understudy {

namespace {

constexpr int kTickMs = 100;
// How long after the answer the page still waits for the trail (the engine
// hands it over when the request ends, which may be just after the client
// read the last byte).
constexpr int kTrailGraceTicks = 50;

// The value of header `name` in a "Name: value" per line head, or "".
QString headValue(const QString &head, QLatin1StringView name)
{
    const QStringList lines = head.split(u'\n');
    for (const QString &line : lines) {
        const qsizetype colon = line.indexOf(u':');
        if (colon > 0 && QStringView(line).left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

void appendText(QPlainTextEdit *view, const QString &text)
{
    QTextCursor cursor(view->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(text);
}

QByteArray newRequestId()
{
    return QByteArrayLiteral("playground-") + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

QByteArray typedRequestId(const std::vector<Header> &headers)
{
    for (const Header &header : headers) {
        if (header.name.compare(QLatin1String("x-request-id"), Qt::CaseInsensitive) == 0)
            return header.value.trimmed().toLatin1();
    }
    return {};
}

} // namespace

PlaygroundPage::PlaygroundPage(QWidget *parent)
    : QWidget(parent)
    , m_form(new PlaygroundForm(this))
    , m_exchange(new PlaygroundExchange(this))
    , m_catcher(std::make_unique<TrailCatcher>())
    , m_answer(new QPlainTextEdit(this))
    , m_raw(new QPlainTextEdit(this))
    , m_tabs(new QTabWidget(this))
    , m_trail(new TrafficDetailPane(this))
    , m_trailState(new QLabel(this))
    , m_status(new QLabel(this))
    , m_timing(new QLabel(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    // The raw response tab shows what was sent and received; the pane's
    // stored-bodies tabs would only say that nothing is stored.
    m_trail->setStoredTabsVisible(false);
    m_answer->setObjectName(QStringLiteral("playgroundAnswer"));
    m_answer->setReadOnly(true);
    m_answer->setPlaceholderText(tr("The answer appears here as it arrives."));
    m_raw->setObjectName(QStringLiteral("playgroundRaw"));
    m_raw->setReadOnly(true);
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs->addTab(m_answer, tr("Answer"));
    m_tabs->addTab(m_raw, tr("Raw response"));
    m_status->setObjectName(QStringLiteral("playgroundStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_timing->setObjectName(QStringLiteral("playgroundTiming"));
    m_trailState->setWordWrap(true);
    m_send->setObjectName(QStringLiteral("playgroundSend"));
    m_send->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("playgroundCancel"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_send);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    auto *requestSide = new QWidget(this);
    auto *requestLayout = new QVBoxLayout(requestSide);
    requestLayout->addWidget(m_form, 1);
    requestLayout->addLayout(buttons);

    auto *answerSide = new QWidget(this);
    auto *answerLayout = new QVBoxLayout(answerSide);
    answerLayout->addWidget(m_status);
    answerLayout->addWidget(m_timing);
    answerLayout->addWidget(m_tabs, 1);

    auto *trailSide = new QWidget(this);
    auto *trailLayout = new QVBoxLayout(trailSide);
    trailLayout->addWidget(new QLabel(tr("Attempt trail"), trailSide));
    trailLayout->addWidget(m_trailState);
    trailLayout->addWidget(m_trail, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(requestSide);
    splitter->addWidget(answerSide);
    splitter->addWidget(trailSide);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 3);
    // The form's and the trail's size hints would squeeze the answer.
    splitter->setSizes({400, 450, 450});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    m_send->setToolTip(tr("Send the request (Ctrl+Return)"));
    auto *sendShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    sendShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(sendShortcut, &QShortcut::activated, this, [this] {
        if (!isSending())
            send();
    });
    connect(m_send, &QPushButton::clicked, this, &PlaygroundPage::send);
    connect(m_cancel, &QPushButton::clicked, this, &PlaygroundPage::cancel);
    connect(m_exchange, &PlaygroundExchange::headReceived, this, &PlaygroundPage::onHead);
    connect(m_exchange, &PlaygroundExchange::bodyReceived, this, &PlaygroundPage::onBody);
    connect(m_exchange, &PlaygroundExchange::answerReceived, this, &PlaygroundPage::onAnswer);
    connect(m_exchange, &PlaygroundExchange::finished, this, &PlaygroundPage::onFinished);
    connect(m_exchange, &PlaygroundExchange::firstContent, this, [this] { m_timing->setText(timingText()); });
    m_ticker.setInterval(kTickMs);
    connect(&m_ticker, &QTimer::timeout, this, &PlaygroundPage::tick);

    m_trailState->setText(tr("Send a request to see its attempts."));
    setStatus(tr("Pick a route and send a request through the gateway."), false);
    updateButtons();
}

PlaygroundPage::~PlaygroundPage() = default;

std::function<void(const RequestTrail &)> PlaygroundPage::sink() const
{
    return m_catcher->sink();
}

void PlaygroundPage::setConfig(const ConfigSnapshot &config)
{
    m_form->setConfig(config);
}

void PlaygroundPage::setBaseUrl(const QString &baseUrl)
{
    m_baseUrl = baseUrl;
}

void PlaygroundPage::setListenerUrls(std::map<QString, QString> urls)
{
    m_listenerUrls = std::move(urls);
}

QString PlaygroundPage::targetUrl() const
{
    const Route *route = m_form->selectedRoute();
    if (m_baseUrl.isEmpty() || !route || route->match.listener.isEmpty())
        return m_baseUrl;
    const auto url = m_listenerUrls.find(route->match.listener);
    return url != m_listenerUrls.end() ? url->second : m_baseUrl;
}

bool PlaygroundPage::isSending() const
{
    return m_exchange->isRunning();
}

QString PlaygroundPage::statusText() const
{
    return m_status->text();
}

QString PlaygroundPage::timingText() const
{
    if (!m_exchange->isRunning() && m_exchange->elapsedMs() == 0)
        return {};
    QString text = tr("Elapsed %1 ms").arg(m_exchange->elapsedMs());
    if (m_exchange->ttftMs() >= 0)
        text += tr(" · TTFT %1 ms").arg(m_exchange->ttftMs());
    return text;
}

void PlaygroundPage::send()
{
    if (m_form->routeName().isEmpty()) {
        setStatus(tr("There is no route to send to: add one on the Routes page."), true);
        return;
    }
    const QString url = targetUrl();
    if (url.isEmpty()) {
        setStatus(tr("The gateway is stopped. Start it with Gateway > Start Gateway (F5), then send again."), true);
        return;
    }
    const PlaygroundRequest request = m_form->request();
    QByteArray requestId = typedRequestId(request.headers);
    // The gateway replaces an id it does not accept; then the trail is
    // matched by the id it answers with.
    if (requestId.isEmpty() || !isAcceptableRequestId(requestId))
        requestId = newRequestId();
    m_catcher->expect(requestId);
    m_chat = request.chat;
    m_answer->clear();
    m_raw->setPlainText(QStringLiteral("> %1 %2\n").arg(QString::fromLatin1(request.method), request.path));
    for (const Header &header : request.headers)
        appendText(m_raw, QStringLiteral("> %1: %2\n").arg(header.name, header.value));
    appendText(m_raw, QStringLiteral("\n"));
    m_trail->clear();
    m_trailState->setText(tr("Waiting for the attempt trail…"));
    m_awaitingTrail = true;
    m_trailPollsLeft = -1; // until the answer ends
    setStatus(tr("Sending to %1%2…").arg(url, request.path), false);

    m_sentUrl = url;
    m_exchange->send(url, request, requestId);
    m_timing->setText(timingText());
    m_ticker.start();
    updateButtons();
}

void PlaygroundPage::cancel()
{
    m_exchange->cancel();
}

void PlaygroundPage::onHead(int status, const QString &head, const QByteArray &requestId)
{
    if (!requestId.isEmpty())
        m_catcher->expect(requestId);
    appendText(m_raw, QStringLiteral("< ") + QString(head).replace(u'\n', QStringLiteral("\n< ")));
    appendText(m_raw, QStringLiteral("\n"));

    QString text = tr("HTTP %1").arg(status);
    const QString servedBy = headValue(head, QLatin1StringView("x-understudy-served-by"));
    if (!servedBy.isEmpty())
        text += tr(" · served by %1").arg(servedBy);
    const QString attempts = headValue(head, QLatin1StringView("x-understudy-attempts"));
    if (!attempts.isEmpty())
        text += tr(" · attempts %1").arg(attempts);
    const QString fallback = headValue(head, QLatin1StringView("x-understudy-fallback"));
    if (!fallback.isEmpty())
        text += tr(" · fell back on %1").arg(fallback);
    const QString cache = headValue(head, QLatin1StringView("x-understudy-cache"));
    if (!cache.isEmpty())
        text += tr(" · cache %1").arg(cache);
    setStatus(text, status >= 400);
}

void PlaygroundPage::onBody(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    appendText(m_raw, text);
    // Other routes answer with whatever the upstream sent: show it as is.
    if (!m_chat)
        appendText(m_answer, text);
}

void PlaygroundPage::onAnswer(const QString &text)
{
    appendText(m_answer, text);
}

void PlaygroundPage::onFinished(const QString &problem)
{
    m_timing->setText(timingText());
    if (!problem.isEmpty()) {
        setStatus(problem, true);
        // A chat error has no message content: the error body is the answer.
        if (m_answer->document()->isEmpty() && m_exchange->status() >= 400)
            m_answer->setPlainText(QString::fromUtf8(m_exchange->body()));
    }
    if (m_exchange->status() == 0) {
        // Nothing reached the gateway: no trail will come.
        m_awaitingTrail = false;
        m_trailState->setText(tr("No attempts: the request did not reach the gateway."));
    } else {
        m_trailPollsLeft = kTrailGraceTicks;
    }
    pollTrail();
    updateButtons();
    emit requestFinished(problem);
}

void PlaygroundPage::tick()
{
    if (m_exchange->isRunning())
        m_timing->setText(timingText());
    pollTrail();
    if (!m_exchange->isRunning() && !m_awaitingTrail)
        m_ticker.stop();
}

void PlaygroundPage::pollTrail()
{
    if (!m_awaitingTrail)
        return;
    if (std::optional<RequestTrail> trail = m_catcher->take()) {
        m_awaitingTrail = false;
        m_trailState->setText(tr("%n attempt(s) for request %1", nullptr, trail->attemptCount())
                                  .arg(QString::fromLatin1(trail->requestId)));
        m_trail->setBaseUrl(m_sentUrl);
        m_trail->setTrail(*trail);
        return;
    }
    if (m_trailPollsLeft > 0 && --m_trailPollsLeft == 0) {
        m_awaitingTrail = false;
        m_trailState->setText(tr("No attempt trail arrived for request %1. The page only sees trails of the "
                                 "gateway the console runs.")
                                  .arg(QString::fromLatin1(m_catcher->expected())));
    }
}

void PlaygroundPage::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #b3261e;") : QString());
}

void PlaygroundPage::updateButtons()
{
    const bool sending = m_exchange->isRunning();
    m_send->setEnabled(!sending);
    m_cancel->setEnabled(sending);
}

} // namespace understudy
