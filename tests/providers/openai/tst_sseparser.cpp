#include "providers/openai/SseParser.h"

#include <QByteArrayList>
#include <QTest>

using namespace understudy::openai;

namespace {

// "event|data|id" per event, data newlines shown as "\n" escapes.
QByteArrayList describe(const std::vector<SseEvent> &events)
{
    QByteArrayList out;
    for (const SseEvent &e : events) {
        if (e.oversized) {
            out << QByteArrayLiteral("<oversized>");
            continue;
        }
        QByteArray data = e.data;
        data.replace('\n', "\\n");
        out << QByteArray(e.event + '|' + data + '|' + e.id);
    }
    return out;
}

void append(std::vector<SseEvent> &to, std::vector<SseEvent> from)
{
    for (auto &e : from)
        to.push_back(std::move(e));
}

} // namespace

class TestSseParser : public QObject
{
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void splitAtEveryByte_data();
    void splitAtEveryByte();
    void crSplitFromLfIsOneLineEnding();
    void finishReportsPartialEvent_data();
    void finishReportsPartialEvent();
    void oversizedEventIsDroppedAndBounded();
    void oversizedLineWithoutNewlineIsBounded();
    void countsCommentsAndRetry();
};

void TestSseParser::parses_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArrayList>("expected");

    QTest::newRow("lf") << QByteArray("data: one\n\ndata: two\n\n") << QByteArrayList{"|one|", "|two|"};
    QTest::newRow("crlf") << QByteArray("data: one\r\n\r\ndata: two\r\n\r\n") << QByteArrayList{"|one|", "|two|"};
    QTest::newRow("lone cr") << QByteArray("data: one\r\rdata: two\r\r") << QByteArrayList{"|one|", "|two|"};
    QTest::newRow("mixed endings") << QByteArray("data: a\r\ndata: b\rdata: c\n\r\n") << QByteArrayList{"|a\\nb\\nc|"};
    QTest::newRow("multi-line data joined with LF")
        << QByteArray("data: {\"a\":\ndata: 1}\n\n") << QByteArrayList{"|{\"a\":\\n1}|"};
    QTest::newRow("no space after colon") << QByteArray("data:x\n\n") << QByteArrayList{"|x|"};
    QTest::newRow("only one leading space dropped") << QByteArray("data:  x\n\n") << QByteArrayList{"| x|"};
    QTest::newRow("comment ping ignored") << QByteArray(": ping\n\n: keep-alive\ndata: x\n\n") << QByteArrayList{"|x|"};
    QTest::newRow("event and id fields") << QByteArray("event: error\nid: 7\ndata: boom\n\ndata: next\n\n")
                                         << QByteArrayList{"error|boom|7", "|next|7"};
    QTest::newRow("event name resets after dispatch")
        << QByteArray("event: a\ndata: 1\n\ndata: 2\n\n") << QByteArrayList{"a|1|", "|2|"};
    QTest::newRow("event without data is not dispatched")
        << QByteArray("event: ping\n\ndata: x\n\n") << QByteArrayList{"|x|"};
    QTest::newRow("empty data is an event") << QByteArray("data:\n\n") << QByteArrayList{"||"};
    QTest::newRow("field without colon") << QByteArray("data\n\n") << QByteArrayList{"||"};
    QTest::newRow("unknown field ignored") << QByteArray("foo: bar\ndata: x\n\n") << QByteArrayList{"|x|"};
    static const char withNul[] = "id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n";
    QTest::newRow("id with NUL ignored") << QByteArray(withNul, sizeof(withNul) - 1) << QByteArrayList{"|a|1", "|b|1"};
    QTest::newRow("BOM at start ignored") << QByteArray("\xEF\xBB\xBF"
                                                        "data: x\n\n")
                                          << QByteArrayList{"|x|"};
    QTest::newRow("DONE") << QByteArray("data: [DONE]\n\n") << QByteArrayList{"|[DONE]|"};
    QTest::newRow("trailing partial event not dispatched")
        << QByteArray("data: x\n\ndata: y\n") << QByteArrayList{"|x|"};
}

void TestSseParser::parses()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArrayList, expected);
    SseParser parser;
    QCOMPARE(describe(parser.feed(input)), expected);
}

void TestSseParser::splitAtEveryByte_data()
{
    parses_data();
}

void TestSseParser::splitAtEveryByte()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArrayList, expected);
    // Two pieces at every boundary...
    for (qsizetype cut = 0; cut <= input.size(); ++cut) {
        SseParser parser;
        std::vector<SseEvent> events = parser.feed(input.left(cut));
        append(events, parser.feed(input.mid(cut)));
        QVERIFY2(describe(events) == expected, qPrintable(QStringLiteral("cut at %1").arg(cut)));
    }
    // ...and one byte at a time.
    SseParser parser;
    std::vector<SseEvent> events;
    for (qsizetype i = 0; i < input.size(); ++i)
        append(events, parser.feed(input.mid(i, 1)));
    QCOMPARE(describe(events), expected);
}

void TestSseParser::crSplitFromLfIsOneLineEnding()
{
    // "data: a\r" | "\n" | "\r\n": one CRLF, then a blank line. Were the
    // split CRLF read as two endings, the event would end early; were the LF
    // dropped twice, the blank line would be lost.
    SseParser parser;
    std::vector<SseEvent> events = parser.feed("data: a\r");
    QVERIFY(events.empty());
    append(events, parser.feed("\n"));
    QVERIFY(events.empty());
    append(events, parser.feed("data: b\r\n\r"));
    QCOMPARE(describe(events), QByteArrayList{"|a\\nb|"});
    // An empty chunk between the CR and its LF keeps the pending LF.
    SseParser second;
    events = second.feed("data: c\r\n\r");
    append(events, second.feed(""));
    append(events, second.feed("\ndata: d\n\n"));
    QCOMPARE(describe(events), (QByteArrayList{"|c|", "|d|"}));
}

void TestSseParser::finishReportsPartialEvent_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("partial");
    QTest::newRow("clean end") << QByteArray("data: x\n\n") << false;
    QTest::newRow("nothing at all") << QByteArray() << false;
    QTest::newRow("only comments") << QByteArray(": ping\n\n: ping\n") << false;
    QTest::newRow("cut inside a line") << QByteArray("data: x\n\ndata: {\"cho") << true;
    QTest::newRow("cut before the blank line") << QByteArray("data: x\n") << true;
    QTest::newRow("cut after event field") << QByteArray("event: a\n") << true;
    QTest::newRow("two bytes, no newline") << QByteArray("da") << true;
}

void TestSseParser::finishReportsPartialEvent()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, partial);
    SseParser parser;
    (void)parser.feed(input);
    QCOMPARE(parser.finish(), partial);
    // The parser is reset and usable again.
    QCOMPARE(describe(parser.feed("data: again\n\n")), QByteArrayList{"|again|"});
    QCOMPARE(parser.finish(), false);
}

void TestSseParser::oversizedEventIsDroppedAndBounded()
{
    SseParser parser(64);
    QByteArray input = "data: small\n\n";
    for (int i = 0; i < 10; ++i)
        input += "data: " + QByteArray(20, 'x') + '\n'; // 10 lines, 210 bytes of data
    input += "\ndata: after\n\n";
    const auto events = parser.feed(input);
    QCOMPARE(describe(events), (QByteArrayList{"|small|", "<oversized>", "|after|"}));
    QCOMPARE(parser.oversizedCount(), 1);
    QVERIFY(parser.hadOversizedEvent());
    QCOMPARE(parser.finish(), false);
}

void TestSseParser::oversizedLineWithoutNewlineIsBounded()
{
    SseParser parser(1024);
    std::vector<SseEvent> events;
    append(events, parser.feed("data: "));
    // A hostile upstream that never sends a newline: 1 MiB in 4 KiB pieces.
    const QByteArray junk(4096, 'z');
    for (int i = 0; i < 256; ++i)
        append(events, parser.feed(junk));
    QCOMPARE(describe(events), QByteArrayList{"<oversized>"});
    // The rest of that line and its event are skipped; the stream recovers.
    append(events, parser.feed("\n\ndata: ok\n\n"));
    QCOMPARE(describe(events), (QByteArrayList{"<oversized>", "|ok|"}));
    // An oversized line ending right at the chunk edge: its newline is the
    // end of that line, not the blank line ending the event.
    SseParser edge(16);
    events = edge.feed(QByteArray("data: " + QByteArray(40, 'y')));
    append(events, edge.feed("\ndata: still-discarded\n\ndata: z\n\n"));
    QCOMPARE(describe(events), (QByteArrayList{"<oversized>", "|z|"}));
}

void TestSseParser::countsCommentsAndRetry()
{
    SseParser parser;
    (void)parser.feed(": ping\n: ping\nretry: 2500\nretry: soon\ndata: x\n\n");
    QCOMPARE(parser.commentCount(), 2);
    QCOMPARE(parser.retryMs(), 2500);
}

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"
