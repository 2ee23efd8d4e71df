// MockAttemptStream played on the event loop, as the executor consumes it:
// the signal contract, the stream format, every fault as observed from the
// outside, flapping on a manual clock, pause/resume and cancel.

#include "MockTestSupport.h"
#include "fallback/Clock.h"
#include "fallback/LlmWire.h"
#include "providers/mock/MockAttemptStream.h"
#include "providers/mock/MockFlapClock.h"
#include "providers/mock/MockWire.h"

#include <QPointer>
#include <QTest>

#include <memory>

using namespace understudy;
using namespace mocktest;
using json = nlohmann::json;
using Signal = StreamRecorder::Signal;

Q_DECLARE_METATYPE(understudy::MockFault)

namespace {

constexpr int kWaitMs = 10'000;
// How long a test watches a stream that must stay silent. Long next to the
// zero-latency, unpaced schedules the tests use, so a stream that should
// be silent but is not gets caught.
constexpr int kSilenceMs = 150;

struct Attempt
{
    std::unique_ptr<MockAttemptStream> stream;
    std::unique_ptr<StreamRecorder> recorder;
};

Attempt start(const MockSettings &settings, const QByteArray &request, MockFlapClock &flap,
              const QString &provider = QStringLiteral("mock-a"))
{
    Attempt attempt;
    attempt.stream =
        std::make_unique<MockAttemptStream>(mockProvider(settings, provider), settings, request, QString(), flap);
    attempt.recorder = std::make_unique<StreamRecorder>(attempt.stream.get());
    return attempt;
}

int contentEvents(const QByteArray &body)
{
    int count = 0;
    for (const QByteArray &payload : ssePayloads(body)) {
        if (!chunkContent(parseJson(payload)).isEmpty())
            ++count;
    }
    return count;
}

QString streamedText(const QByteArray &body)
{
    QString text;
    for (const QByteArray &payload : ssePayloads(body))
        text += chunkContent(parseJson(payload));
    return text;
}

bool hasFinishChunk(const QByteArray &body)
{
    for (const QByteArray &payload : ssePayloads(body)) {
        if (chunkHasFinish(parseJson(payload)))
            return true;
    }
    return false;
}

} // namespace

class TestMockAttemptStream : public QObject
{
    Q_OBJECT

public:
    TestMockAttemptStream() : m_flap(m_clock) {}

private slots:
    void completeAnswer()
    {
        Attempt a = start(fastSettings(), chatRequest(), m_flap);
        QVERIFY(a.stream->bodyReachedUpstream());
        QVERIFY(a.recorder->order.isEmpty()); // nothing inside the constructor
        QTRY_VERIFY_WITH_TIMEOUT(a.recorder->ended(), kWaitMs);
        QCOMPARE(a.recorder->order.first(), Signal::Head);
        QCOMPARE(a.recorder->order.last(), Signal::Finished);
        QCOMPARE(a.recorder->count(Signal::Finished), 1);
        QCOMPARE(a.recorder->status, 200);
        QCOMPARE(a.recorder->header("content-type"), "application/json");
        const json doc = parseJson(a.recorder->body);
        QCOMPARE(str(doc["object"]), QStringLiteral("chat.completion"));
        QCOMPARE(str(doc["choices"][0]["finish_reason"]), QStringLiteral("stop"));
        QVERIFY(doc["usage"]["total_tokens"].get<int>() > 0);
        QCOMPARE(a.stream->answeredModel(), QStringLiteral("gpt-test"));
    }

    void streamedAnswer_data()
    {
        QTest::addColumn<bool>("includeUsage");
        QTest::addColumn<double>("tokensPerSecond");
        QTest::newRow("unpaced") << false << 0.0;
        QTest::newRow("unpaced with usage") << true << 0.0;
        QTest::newRow("paced 2000 tok/s with usage") << true << 2000.0;
    }

    void streamedAnswer()
    {
        QFETCH(bool, includeUsage);
        QFETCH(double, tokensPerSecond);
        MockSettings settings = fastSettings();
        settings.tokensPerSecond = tokensPerSecond;
        RequestOptions options;
        options.stream = true;
        options.includeUsage = includeUsage;
        Attempt a = start(settings, chatRequest(options), m_flap);
        QTRY_VERIFY_WITH_TIMEOUT(a.recorder->ended(), kWaitMs);
        QCOMPARE(a.recorder->order.last(), Signal::Finished);
        QCOMPARE(a.recorder->status, 200);
        QVERIFY(a.recorder->header("content-type").startsWith("text/event-stream"));

        const QList<QByteArray> payloads = ssePayloads(a.recorder->body);
        QCOMPARE(payloads.size(), a.recorder->pieces.size()); // one event per bodyData
        // Role chunk first.
        const json first = parseJson(payloads.first());
        QCOMPARE(str(first["object"]), QStringLiteral("chat.completion.chunk"));
        QCOMPARE(str(first["choices"][0]["delta"]["role"]), QStringLiteral("assistant"));
        QCOMPARE(str(first["choices"][0]["delta"]["content"]), QStringLiteral(""));
        QVERIFY(first["choices"][0]["finish_reason"].is_null());
        // Content chunks of a few words, joined = the whole answer.
        const QString expectedText = mock::generatedAnswer(QStringLiteral("mock-a"), QStringLiteral("gpt-test"));
        QCOMPARE(streamedText(a.recorder->body), expectedText);
        QCOMPARE(contentEvents(a.recorder->body), mock::answerPieces(expectedText).size());
        QVERIFY(contentEvents(a.recorder->body) >= 12);
        // Then finish, optional usage, [DONE].
        QCOMPARE(payloads.last(), "[DONE]");
        const qsizetype finishAt = payloads.size() - (includeUsage ? 3 : 2);
        const json finish = parseJson(payloads.at(finishAt));
        QCOMPARE(str(finish["choices"][0]["finish_reason"]), QStringLiteral("stop"));
        QVERIFY(finish["choices"][0]["delta"].is_object() && finish["choices"][0]["delta"].empty());
        if (includeUsage) {
            const json usage = parseJson(payloads.at(payloads.size() - 2));
            QVERIFY(usage["choices"].is_array() && usage["choices"].empty());
            QCOMPARE(usage["usage"]["completion_tokens"].get<qint64>(), mock::estimateTokens(expectedText));
            QCOMPARE(usage["usage"]["total_tokens"].get<int>(),
                     usage["usage"]["prompt_tokens"].get<int>() + usage["usage"]["completion_tokens"].get<int>());
        }
        // Every chunk carries the same id and model.
        for (const QByteArray &payload : payloads.first(payloads.size() - 1)) {
            const json chunk = parseJson(payload);
            QCOMPARE(str(chunk["id"]), str(first["id"]));
            QCOMPARE(str(chunk["model"]), QStringLiteral("gpt-test"));
        }

        // The executor's decoder sees the sequence a real stream has.
        llm::StreamDecoder decoder;
        QList<llm::StreamEvent::Kind> kinds;
        for (const auto &event : decoder.feed(a.recorder->body))
            kinds.append(event.kind);
        QCOMPARE(kinds.first(), llm::StreamEvent::Kind::RoleOnly);
        QCOMPARE(kinds.at(1), llm::StreamEvent::Kind::Content);
        QCOMPARE(kinds.last(), llm::StreamEvent::Kind::Done);
        QVERIFY(kinds.contains(llm::StreamEvent::Kind::Finish));
        QVERIFY(!kinds.contains(llm::StreamEvent::Kind::Malformed));
    }

    void faults_data()
    {
        QTest::addColumn<MockFault>("fault");
        QTest::addColumn<bool>("stream");
        QTest::addColumn<int>("afterEvents");
        QTest::addColumn<QString>("ending");   // finished, failed, silent
        QTest::addColumn<int>("status");       // 0: no head
        QTest::addColumn<int>("content");      // content events; -1: the whole answer
        QTest::addColumn<bool>("finishChunk"); // streams: a finish_reason chunk
        QTest::addColumn<bool>("done");        // streams: data: [DONE]
        QTest::addColumn<int>("malformed");    // streams: unparsable events

        QTest::newRow("reset, stream") << MockFault::ResetBeforeHeaders << true << 3 << "failed" << 0 << 0 << false
                                       << false << 0;
        QTest::newRow("reset") << MockFault::ResetBeforeHeaders << false << 3 << "failed" << 0 << 0 << false << false
                               << 0;
        QTest::newRow("no response, stream")
            << MockFault::NoResponse << true << 3 << "silent" << 0 << 0 << false << false << 0;
        QTest::newRow("no response") << MockFault::NoResponse << false << 3 << "silent" << 0 << 0 << false << false
                                     << 0;
        QTest::newRow("cut after 3") << MockFault::CutAfterEvents << true << 3 << "finished" << 200 << 3 << false
                                     << false << 0;
        QTest::newRow("cut after 0") << MockFault::CutAfterEvents << true << 0 << "finished" << 200 << 0 << false
                                     << false << 0;
        QTest::newRow("cut after more than the answer")
            << MockFault::CutAfterEvents << true << 1000 << "finished" << 200 << -1 << false << false << 0;
        QTest::newRow("cut, complete") << MockFault::CutAfterEvents << false << 3 << "finished" << 200 << 0 << false
                                       << false << 0;
        QTest::newRow("stall after 2") << MockFault::StallAfterEvents << true << 2 << "silent" << 200 << 2 << false
                                       << false << 0;
        QTest::newRow("stall, complete") << MockFault::StallAfterEvents << false << 2 << "silent" << 200 << 0 << false
                                         << false << 0;
        QTest::newRow("malformed after 3")
            << MockFault::MalformedEvent << true << 3 << "finished" << 200 << -1 << true << true << 1;
        QTest::newRow("malformed, complete")
            << MockFault::MalformedEvent << false << 3 << "finished" << 200 << 0 << false << false << 0;
        QTest::newRow("missing [DONE]") << MockFault::MissingDone << true << 3 << "finished" << 200 << -1 << true
                                        << false << 0;
        QTest::newRow("missing [DONE], complete")
            << MockFault::MissingDone << false << 3 << "finished" << 200 << 0 << false << false << 0;
        QTest::newRow("context length, stream")
            << MockFault::ContextLength << true << 3 << "finished" << 400 << 0 << false << false << 0;
        QTest::newRow("content policy, stream")
            << MockFault::ContentPolicy << true << 3 << "finished" << 400 << 0 << false << false << 0;
        QTest::newRow("429, stream") << MockFault::ErrorStatus << true << 3 << "finished" << 429 << 0 << false << false
                                     << 0;
    }

    void faults()
    {
        QFETCH(MockFault, fault);
        QFETCH(bool, stream);
        QFETCH(int, afterEvents);
        QFETCH(QString, ending);
        QFETCH(int, status);
        QFETCH(int, content);
        QFETCH(bool, finishChunk);
        QFETCH(bool, done);
        QFETCH(int, malformed);

        MockSettings settings = fastSettings();
        settings.fault = fault;
        settings.afterEvents = afterEvents;
        settings.status = 429;
        settings.answer = QStringLiteral("one two three four five six seven eight nine ten eleven twelve thirteen");
        RequestOptions options;
        options.stream = stream;
        options.includeUsage = true;
        Attempt a = start(settings, chatRequest(options), m_flap);

        if (ending == QLatin1String("silent")) {
            if (status != 0)
                QTRY_VERIFY_WITH_TIMEOUT(a.recorder->count(Signal::Body) > 0, kWaitMs);
            const qsizetype seen = a.recorder->order.size();
            QTest::qWait(kSilenceMs);
            QCOMPARE(a.recorder->order.size(), seen);
            QVERIFY(!a.recorder->ended());
        } else {
            QTRY_VERIFY_WITH_TIMEOUT(a.recorder->ended(), kWaitMs);
            QCOMPARE(a.recorder->order.last(), ending == QLatin1String("failed") ? Signal::Failed : Signal::Finished);
            QCOMPARE(a.recorder->count(Signal::Finished) + a.recorder->count(Signal::Failed), 1);
        }
        if (ending == QLatin1String("failed")) {
            QCOMPARE(a.recorder->failure, OutcomeClass::ResetBeforeResponse);
            QVERIFY(!a.recorder->failureDetail.isEmpty());
        }
        QCOMPARE(a.recorder->count(Signal::Head), status == 0 ? 0 : 1);
        QCOMPARE(a.recorder->status, status);
        if (status == 0)
            return;

        const bool answerStream = stream && status == 200;
        if (!answerStream) {
            const llm::CompletionCheck check = llm::checkCompletion(a.recorder->body);
            if (status == 200 && (fault == MockFault::MissingDone))
                QCOMPARE(outcomeClassName(check.outcome), outcomeClassName(OutcomeClass::Ok));
            else if (status == 200)
                QVERIFY2(check.outcome != OutcomeClass::Ok, a.recorder->body.constData());
            else
                QVERIFY(parseJson(a.recorder->body).contains("error"));
            return;
        }
        const QList<QByteArray> payloads = ssePayloads(a.recorder->body);
        const int whole = int(mock::answerPieces(settings.answer).size());
        QCOMPARE(contentEvents(a.recorder->body), content < 0 ? whole : content);
        QCOMPARE(hasFinishChunk(a.recorder->body), finishChunk);
        QCOMPARE(payloads.contains("[DONE]"), done);
        int bad = 0;
        for (const QByteArray &payload : payloads) {
            if (payload != "[DONE]" && parseJson(payload).is_discarded())
                ++bad;
        }
        QCOMPARE(bad, malformed);
        if (malformed > 0) {
            // Right after the afterEvents-th content event; nothing is lost.
            QCOMPARE(payloads.at(1 + afterEvents), "{not json");
            QCOMPARE(streamedText(a.recorder->body), settings.answer);
        }
        if (fault == MockFault::MissingDone) // usage still reported before the end
            QVERIFY(parseJson(payloads.last())["usage"].is_object());
    }

    void slowFirstToken()
    {
        MockSettings settings = fastSettings();
        settings.fault = MockFault::SlowFirstToken;
        settings.delayMs = 60'000;
        RequestOptions options;
        options.stream = true;
        Attempt a = start(settings, chatRequest(options), m_flap);
        QTRY_COMPARE_WITH_TIMEOUT(a.recorder->count(Signal::Body), 1, kWaitMs); // head and role chunk at once
        QCOMPARE(a.recorder->order.first(), Signal::Head);
        QTest::qWait(kSilenceMs);
        QCOMPARE(contentEvents(a.recorder->body), 0); // the first content event waits
        a.stream->cancel();

        Attempt complete = start(settings, chatRequest(), m_flap);
        QTest::qWait(kSilenceMs);
        QVERIFY(complete.recorder->order.isEmpty()); // no head yet
    }

    void flappingFollowsTheClock()
    {
        ManualClock clock(50'000);
        MockFlapClock flap(clock);
        MockSettings settings = fastSettings();
        settings.fault = MockFault::Flapping;
        settings.downMs = 1'000;
        settings.upMs = 2'000;
        const auto statusAt = [&](qint64 offsetMs, const QString &provider) {
            clock.setNowMs(50'000 + offsetMs);
            Attempt a = start(settings, chatRequest(), flap, provider);
            if (!QTest::qWaitFor([&] { return a.recorder->ended(); }, kWaitMs))
                return -1;
            return a.recorder->status;
        };
        QCOMPARE(statusAt(0, QStringLiteral("flappy")), 503); // down from first use
        QCOMPARE(statusAt(999, QStringLiteral("flappy")), 503);
        QCOMPARE(statusAt(1'000, QStringLiteral("flappy")), 200);
        QCOMPARE(statusAt(2'999, QStringLiteral("flappy")), 200);
        QCOMPARE(statusAt(3'000, QStringLiteral("flappy")), 503); // next cycle
        QCOMPARE(statusAt(4'500, QStringLiteral("flappy")), 200);
        // Another provider's cycle starts at its own first use.
        QCOMPARE(statusAt(4'500, QStringLiteral("other")), 503);
        QCOMPARE(statusAt(5'600, QStringLiteral("other")), 200);
        // A restart begins a fresh outage.
        flap.restart(QStringLiteral("flappy"));
        QCOMPARE(statusAt(5'600, QStringLiteral("flappy")), 503);
    }

    void flapClockEdges()
    {
        ManualClock clock;
        MockFlapClock flap(clock);
        QVERIFY(!flap.isDown(QStringLiteral("a"), 0, 1'000)); // never down
        QVERIFY(flap.isDown(QStringLiteral("b"), 1'000, 0));  // never up
        clock.advance(1'000'000);
        QVERIFY(flap.isDown(QStringLiteral("b"), 1'000, 0));
        QCOMPARE(flap.elapsedMs(QStringLiteral("b")), 1'000'000);
    }

    void pauseHoldsEventsAndResumeContinues()
    {
        RequestOptions options;
        options.stream = true;
        Attempt a = start(fastSettings(), chatRequest(options), m_flap);
        MockAttemptStream *stream = a.stream.get();
        bool paused = false;
        connect(stream, &AttemptStream::bodyData, this, [&](const QByteArray &data) {
            if (!paused && !chunkContent(parseJson(ssePayloads(data).value(0))).isEmpty()) {
                paused = true;
                stream->pause();
            }
        });
        QTRY_VERIFY_WITH_TIMEOUT(paused, kWaitMs);
        const qsizetype held = a.recorder->order.size();
        QTest::qWait(kSilenceMs);
        QCOMPARE(a.recorder->order.size(), held);
        QVERIFY(!a.recorder->ended());

        stream->resume();
        QTRY_VERIFY_WITH_TIMEOUT(a.recorder->ended(), kWaitMs);
        QCOMPARE(a.recorder->order.last(), Signal::Finished);
        QCOMPARE(streamedText(a.recorder->body),
                 mock::generatedAnswer(QStringLiteral("mock-a"), QStringLiteral("gpt-test")));
        QCOMPARE(ssePayloads(a.recorder->body).last(), "[DONE]");
    }

    void pauseBeforeStartHoldsTheHead()
    {
        Attempt a = start(fastSettings(), chatRequest(), m_flap);
        a.stream->pause();
        QTest::qWait(kSilenceMs);
        QVERIFY(a.recorder->order.isEmpty());
        a.stream->resume();
        a.stream->resume(); // idempotent
        QTRY_VERIFY_WITH_TIMEOUT(a.recorder->ended(), kWaitMs);
        QCOMPARE(a.recorder->count(Signal::Head), 1);
        QCOMPARE(a.recorder->count(Signal::Finished), 1);
    }

    void cancelEmitsNothingFurther()
    {
        RequestOptions options;
        options.stream = true;
        Attempt a = start(fastSettings(), chatRequest(options), m_flap);
        MockAttemptStream *stream = a.stream.get();
        int contentSeen = 0;
        connect(stream, &AttemptStream::bodyData, this, [&](const QByteArray &data) {
            if (!chunkContent(parseJson(ssePayloads(data).value(0))).isEmpty() && ++contentSeen == 2)
                stream->cancel();
        });
        QTRY_COMPARE_WITH_TIMEOUT(contentSeen, 2, kWaitMs);
        const qsizetype seen = a.recorder->order.size();
        QTest::qWait(kSilenceMs);
        QCOMPARE(a.recorder->order.size(), seen);
        QVERIFY(!a.recorder->ended());
        stream->resume(); // no effect after cancel
        QTest::qWait(50);
        QCOMPARE(a.recorder->order.size(), seen);

        Attempt early = start(fastSettings(), chatRequest(options), m_flap);
        early.stream->cancel();
        QTest::qWait(kSilenceMs);
        QVERIFY(early.recorder->order.isEmpty());
    }

    void receiverMayDeleteTheStreamFromASlot()
    {
        RequestOptions options;
        options.stream = true;
        MockSettings settings = fastSettings();
        auto *stream = new MockAttemptStream(mockProvider(settings), settings, chatRequest(options), QString(), m_flap);
        QPointer<MockAttemptStream> guard(stream);
        int bodies = 0;
        connect(stream, &AttemptStream::bodyData, this, [&] {
            if (++bodies == 2)
                delete stream;
        });
        QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), kWaitMs);
        QTest::qWait(50);
        QCOMPARE(bodies, 2);
    }

    void prefillIsAnsweredWithTheRemainder()
    {
        MockSettings settings = fastSettings();
        settings.answer = QStringLiteral("Paris is the capital of France.");
        RequestOptions options;
        options.stream = true;
        options.prefill = QStringLiteral("Paris is the");
        Attempt a = start(settings, chatRequest(options), m_flap);
        QTRY_VERIFY_WITH_TIMEOUT(a.recorder->ended(), kWaitMs);
        QCOMPARE(streamedText(a.recorder->body), QStringLiteral(" capital of France."));
        QVERIFY(hasFinishChunk(a.recorder->body));
    }

private:
    ManualClock m_clock;
    MockFlapClock m_flap;
};

QTEST_GUILESS_MAIN(TestMockAttemptStream)
#include "tst_mockattemptstream.moc"
