// TrafficModel under a burst of 20,000 trails pushed from another thread:
// the model stays consistent (QAbstractItemModelTester), keeps the row cap,
// keeps arrival order, inserts in batches; pause holds rows back.

#include "live/TrafficModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

using namespace understudy;

namespace {

RequestTrail numbered(int i)
{
    RequestTrail t;
    t.requestId = QByteArray::number(i);
    t.route = QStringLiteral("chat");
    t.method = QStringLiteral("POST");
    t.path = QStringLiteral("/v1/chat/completions");
    t.status = i % 10 == 0 ? 503 : 200;
    t.durationMs = i % 1000;
    t.startedAtMs = 1700000000000LL + i;
    return t;
}

} // namespace

class TestTrafficModel : public QObject
{
    Q_OBJECT

private slots:
    void burstFromAnotherThread()
    {
        TrafficModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRowCap(5000);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy batches(&model, &TrafficModel::batchInserted);

        const auto sink = model.sink();
        constexpr int total = 20000;
        std::atomic<bool> done{false};
        std::thread producer([&] {
            for (int i = 0; i < total; ++i) {
                sink(numbered(i));
                if (i % 500 == 0)
                    std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
            done = true;
        });
        // The GUI thread keeps running its timer while the producer pushes.
        QTRY_VERIFY_WITH_TIMEOUT(done.load(), 20000);
        producer.join();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 5000, 5000);
        QTest::qWait(250); // any last batch
        model.flushPending();

        QCOMPARE(model.rowCount(), 5000);
        // The newest 5,000, oldest first.
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.trail(row).requestId, QByteArray::number(total - 5000 + row));
        // Batches, not one insert per request.
        QVERIFY(inserted.count() >= 1);
        QVERIFY2(inserted.count() < 2000, qPrintable(QString::number(inserted.count())));
        int sum = 0;
        for (const auto &args : batches)
            sum += args.at(0).toInt();
        QCOMPARE(sum + int(model.droppedCount()), total);
    }

    void oneInsertAndOneRemovePerBatch()
    {
        TrafficModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setBatchIntervalMs(100000); // only explicit flushes
        model.setRowCap(10);
        const auto sink = model.sink();
        for (int i = 0; i < 8; ++i)
            sink(numbered(i));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QCOMPARE(model.flushPending(), 8);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(removed.count(), 0);

        for (int i = 8; i < 14; ++i)
            sink(numbered(i));
        QCOMPARE(model.flushPending(), 6);
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 0); // first
        QCOMPARE(removed.at(0).at(2).toInt(), 3); // last: the 4 oldest
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.trail(0).requestId, QByteArray("4"));
        QCOMPARE(model.trail(9).requestId, QByteArray("13"));

        // A batch larger than the cap keeps its newest rows.
        for (int i = 14; i < 40; ++i)
            sink(numbered(i));
        model.flushPending();
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.trail(0).requestId, QByteArray("30"));
        QCOMPARE(model.trail(9).requestId, QByteArray("39"));
    }

    void pauseHoldsRowsUntilResume()
    {
        TrafficModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setBatchIntervalMs(100000);
        const auto sink = model.sink();
        sink(numbered(1));
        model.flushPending();
        model.setPaused(true);
        sink(numbered(2));
        sink(numbered(3));
        QCOMPARE(model.flushPending(), 0);
        QCOMPARE(model.rowCount(), 1);
        model.setPaused(false);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.trail(2).requestId, QByteArray("3"));

        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    // Rows paged in from the log go on top in one batch, in order, and stay
    // while live batches past the cap evict the oldest live rows instead.
    void olderRowsGoOnTopAndStayPinned()
    {
        TrafficModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setBatchIntervalMs(100000);
        model.setRowCap(10);
        const auto sink = model.sink();
        for (int i = 100; i < 110; ++i)
            sink(numbered(i));
        model.flushPending();
        QCOMPARE(model.rowCount(), 10);

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        std::vector<RequestTrail> older;
        std::vector<qint64> ids;
        for (int i = 90; i < 100; ++i) {
            older.push_back(numbered(i));
            ids.push_back(1000 + i);
        }
        QCOMPARE(model.insertOlder(std::move(older), std::move(ids)), 10);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 9);
        QCOMPARE(model.rowCount(), 20); // past the cap: asked for, so kept
        QCOMPARE(model.pinnedCount(), 10);
        QCOMPARE(model.trail(0).requestId, QByteArray("90"));
        QCOMPARE(model.trail(9).requestId, QByteArray("99"));
        QCOMPARE(model.trail(10).requestId, QByteArray("100"));
        QCOMPARE(model.logId(0), 1090);
        QCOMPARE(model.index(0, 0).data(TrafficModel::LogIdRole).toLongLong(), 1090);
        QCOMPARE(model.logId(10), 0);

        // A second, older page goes above the first.
        std::vector<RequestTrail> oldest{numbered(88), numbered(89)};
        QCOMPARE(model.insertOlder(std::move(oldest), {2088, 2089}), 2);
        QCOMPARE(model.trail(0).requestId, QByteArray("88"));
        QCOMPARE(model.trail(2).requestId, QByteArray("90"));

        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        for (int i = 110; i < 113; ++i)
            sink(numbered(i));
        model.flushPending();
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 12); // the oldest live rows, below the pinned block
        QCOMPARE(removed.at(0).at(2).toInt(), 14);
        QCOMPARE(model.rowCount(), 22);
        QCOMPARE(model.trail(11).requestId, QByteArray("99"));
        QCOMPARE(model.trail(12).requestId, QByteArray("103"));
        QCOMPARE(model.trail(21).requestId, QByteArray("112"));

        RequestTrail withAttempts = model.trail(0);
        withAttempts.attempts.push_back(AttemptRecord{});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.updateTrail(0, withAttempts);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(0, TrafficModel::Attempts).data().toInt(), 1);

        model.clear();
        QCOMPARE(model.pinnedCount(), 0);
        QCOMPARE(model.insertOlder({}, {}), 0);
    }

    void formatsAndSortValues()
    {
        TrafficModel model;
        model.setBatchIntervalMs(100000);
        RequestTrail t = numbered(7);
        t.durationMs = 12500;
        t.ttftMs = -1;
        t.promptTokens = 1200;
        t.completionTokens = 300;
        t.cost = 0.00123;
        t.fallbackDepth = 2;
        t.outcome = OutcomeClass::Status429;
        model.sink()(t);
        model.flushPending();
        QCOMPARE(model.index(0, TrafficModel::Duration).data().toString(), QStringLiteral("12.5 s"));
        QCOMPARE(model.index(0, TrafficModel::Duration).data(TrafficModel::SortRole).toLongLong(), 12500);
        QCOMPARE(model.index(0, TrafficModel::Ttft).data().toString(), QStringLiteral("–"));
        QCOMPARE(model.index(0, TrafficModel::Tokens).data(TrafficModel::SortRole).toLongLong(), 1500);
        QCOMPARE(model.index(0, TrafficModel::Outcome).data().toString(), QStringLiteral("status_429"));
        QCOMPARE(model.index(0, TrafficModel::FallbackDepth).data().toInt(), 2);
        QCOMPARE(model.headerData(TrafficModel::ServedBy, Qt::Horizontal).toString(), QStringLiteral("Served by"));
    }
};

QTEST_MAIN(TestTrafficModel)
#include "tst_trafficmodel.moc"
