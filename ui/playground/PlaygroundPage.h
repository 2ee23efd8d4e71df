#pragma once

// The console's Playground page (issue 8): pick a route, write a chat
// prompt (or a raw HTTP request for other routes), send it through the
// running gateway, watch the answer stream in with elapsed time and TTFT,
// the raw response (status, headers including x-understudy-served-by /
// -attempts / -fallback, body) in a second tab, and the request's attempt
// trail beside it.
//
// Wiring (the integrator):
//   host->addTrailSink(page->sink());          // before the first start
//   page->setConfig(snapshot);                 // whenever the config changes
//   page->setBaseUrl(running ? host->baseUrl() : QString());  // on stateChanged
// An empty base URL means the gateway is stopped: Send then says so and
// how to start it, without trying.

#include "config/Config.h"
#include "fallback/AttemptTrail.h"

#include <QTimer>
#include <QWidget>

#include <functional>
#include <map>
#include <memory>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace understudy {

class PlaygroundExchange;
class PlaygroundForm;
class TrafficDetailPane;
class TrailCatcher;

class PlaygroundPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaygroundPage)

public:
    explicit PlaygroundPage(QWidget *parent = nullptr);
    ~PlaygroundPage() override;

    // Thread-safe, called on the engine's workers; keeps only the trail of
    // the page's own request.
    std::function<void(const RequestTrail &)> sink() const;
    void setConfig(const ConfigSnapshot &config);
    // "http://127.0.0.1:8787" of the running gateway; "" while it is stopped.
    void setBaseUrl(const QString &baseUrl);
    QString baseUrl() const { return m_baseUrl; }
    // Each listener's URL by name: a route bound to one listener is sent
    // there, any other route to baseUrl().
    void setListenerUrls(std::map<QString, QString> urls);
    // Where send() sends the selected route's request ("" while stopped).
    QString targetUrl() const;

    // What the Send and Cancel buttons do.
    void send();
    void cancel();
    bool isSending() const;

    PlaygroundForm *form() const { return m_form; }
    QPlainTextEdit *answerView() const { return m_answer; }
    QPlainTextEdit *rawView() const { return m_raw; }
    TrafficDetailPane *trailPane() const { return m_trail; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *cancelButton() const { return m_cancel; }
    // The outcome line: served by / error and what to do about it.
    QString statusText() const;
    QString timingText() const;

signals:
    // The request finished; `problem` is "" on success.
    void requestFinished(const QString &problem);

private:
    void onHead(int status, const QString &head, const QByteArray &requestId);
    void onBody(const QByteArray &bytes);
    void onAnswer(const QString &text);
    void onFinished(const QString &problem);
    void tick();
    void pollTrail();
    void setStatus(const QString &text, bool problem);
    void updateButtons();

    PlaygroundForm *m_form = nullptr;
    PlaygroundExchange *m_exchange = nullptr;
    std::unique_ptr<TrailCatcher> m_catcher;
    QPlainTextEdit *m_answer = nullptr;
    QPlainTextEdit *m_raw = nullptr;
    QTabWidget *m_tabs = nullptr;
    TrafficDetailPane *m_trail = nullptr;
    QLabel *m_trailState = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_timing = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_cancel = nullptr;
    QString m_baseUrl;
    std::map<QString, QString> m_listenerUrls;
    QString m_sentUrl; // where the last request went
    bool m_chat = false;
    bool m_awaitingTrail = false;
    int m_trailPollsLeft = 0;
    // Updates elapsed time while sending and polls for the trail.
    QTimer m_ticker;
};

} // namespace understudy
