#include "fallback/Clock.h"
#include "fallback/ResponseCache.h"

#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace understudy;

namespace {

ResponseCache::Entry entry(const QByteArray &body, qint64 storedAtMs = 1000)
{
    ResponseCache::Entry e;
    e.status = 200;
    e.headers = {{"Content-Type", "application/json"}};
    e.body = body;
    e.storedAtMs = storedAtMs;
    e.servedBy = QStringLiteral("chat/steps[0] primary/gpt");
    return e;
}

QString key(int i)
{
    return QStringLiteral("k%1").arg(i);
}

} // namespace

class TestResponseCache : public QObject
{
    Q_OBJECT

private slots:
    void storesAndReturns();
    void staleness_data();
    void staleness();
    void staleEntryKeptForLargerStaleness();
    void evictsLeastRecentlyUsedByCount();
    void boundedByBytes();
    void replacingDoesNotDoubleCount();
    void oversizedAnswerIsNotStored();
    void removeAndClear();
    void readsInjectedClock();
    void concurrentUseStaysConsistent();
};

void TestResponseCache::storesAndReturns()
{
    ResponseCache cache;
    QVERIFY(!cache.get(key(1), 60'000, 1000));
    cache.put(key(1), entry("{\"a\":1}"));
    const auto hit = cache.get(key(1), 60'000, 1500);
    QVERIFY(hit);
    QCOMPARE(hit->status, 200);
    QCOMPARE(hit->body, QByteArray("{\"a\":1}"));
    QCOMPARE(hit->servedBy, QStringLiteral("chat/steps[0] primary/gpt"));
    QCOMPARE(hit->headers.size(), size_t(1));
    QCOMPARE(hit->storedAtMs, 1000);
    const auto stats = cache.stats();
    QCOMPARE(stats.hits, 1);
    QCOMPARE(stats.misses, 1);
    QCOMPARE(stats.entries, 1);
    QCOMPARE(stats.bytes, ResponseCache::footprint(key(1), entry("{\"a\":1}")));
}

void TestResponseCache::staleness_data()
{
    QTest::addColumn<qint64>("nowMs");
    QTest::addColumn<qint64>("maxStalenessMs");
    QTest::addColumn<bool>("hit");
    QTest::newRow("fresh") << qint64(1000) << qint64(0) << true;
    QTest::newRow("exactly at the bound") << qint64(6000) << qint64(5000) << true;
    QTest::newRow("one ms too old") << qint64(6001) << qint64(5000) << false;
    QTest::newRow("much too old") << qint64(100'000) << qint64(5000) << false;
}

void TestResponseCache::staleness()
{
    QFETCH(qint64, nowMs);
    QFETCH(qint64, maxStalenessMs);
    QFETCH(bool, hit);
    ResponseCache cache;
    cache.put(key(1), entry("x", 1000));
    QCOMPARE(cache.get(key(1), maxStalenessMs, nowMs).has_value(), hit);
    QCOMPARE(cache.stats().staleMisses, hit ? 0 : 1);
}

void TestResponseCache::staleEntryKeptForLargerStaleness()
{
    ResponseCache cache;
    cache.put(key(1), entry("x", 1000));
    QVERIFY(!cache.get(key(1), 1000, 10'000));
    const auto older = cache.get(key(1), 60'000, 10'000);
    QVERIFY(older);
    QCOMPARE(older->body, QByteArray("x"));
    QCOMPARE(cache.stats().entries, 1);
}

void TestResponseCache::evictsLeastRecentlyUsedByCount()
{
    ResponseCache cache(1 << 20, 3);
    for (int i = 1; i <= 3; ++i)
        cache.put(key(i), entry(QByteArray::number(i)));
    QVERIFY(cache.get(key(1), 60'000, 1000)); // 1 is now the most recent
    cache.put(key(4), entry("4"));            // 2 is the least recently used
    QVERIFY(!cache.get(key(2), 60'000, 1000));
    QVERIFY(cache.get(key(1), 60'000, 1000));
    QVERIFY(cache.get(key(3), 60'000, 1000));
    QVERIFY(cache.get(key(4), 60'000, 1000));
    QCOMPARE(cache.stats().entries, 3);
    QCOMPARE(cache.stats().evictions, 1);
}

void TestResponseCache::boundedByBytes()
{
    const QByteArray body(1000, 'b');
    const qint64 one = ResponseCache::footprint(key(0), entry(body));
    ResponseCache cache(one * 5 / 2, 1000); // room for two entries
    for (int i = 0; i < 10; ++i) {
        cache.put(key(i), entry(body));
        QVERIFY(cache.stats().bytes <= cache.maxBytes());
    }
    QCOMPARE(cache.stats().entries, 2);
    QCOMPARE(cache.stats().evictions, 8);
    QVERIFY(cache.get(key(8), 60'000, 1000));
    QVERIFY(cache.get(key(9), 60'000, 1000));
    QVERIFY(!cache.get(key(7), 60'000, 1000));
}

void TestResponseCache::replacingDoesNotDoubleCount()
{
    ResponseCache cache;
    cache.put(key(1), entry(QByteArray(500, 'a')));
    cache.put(key(1), entry(QByteArray(100, 'b'), 2000));
    QCOMPARE(cache.stats().entries, 1);
    QCOMPARE(cache.stats().bytes, ResponseCache::footprint(key(1), entry(QByteArray(100, 'b'))));
    QCOMPARE(cache.get(key(1), 60'000, 2000)->storedAtMs, 2000);
}

void TestResponseCache::oversizedAnswerIsNotStored()
{
    ResponseCache cache(4096, 100);
    cache.put(key(1), entry("small"));
    cache.put(key(2), entry(QByteArray(8192, 'x')));
    QVERIFY(!cache.get(key(2), 60'000, 1000));
    QVERIFY(cache.get(key(1), 60'000, 1000));
    QCOMPARE(cache.stats().evictions, 0);
}

void TestResponseCache::removeAndClear()
{
    ResponseCache cache;
    cache.put(key(1), entry("a"));
    cache.put(key(2), entry("b"));
    QVERIFY(cache.remove(key(1)));
    QVERIFY(!cache.remove(key(1)));
    QCOMPARE(cache.stats().entries, 1);
    QCOMPARE(cache.stats().bytes, ResponseCache::footprint(key(2), entry("b")));
    cache.clear();
    QCOMPARE(cache.stats().entries, 0);
    QCOMPARE(cache.stats().bytes, 0);
    QVERIFY(!cache.get(key(2), 60'000, 1000));
}

void TestResponseCache::readsInjectedClock()
{
    ManualClock clock(50'000);
    ResponseCache cache;
    cache.put(key(1), entry("a", clock.nowMs()));
    clock.advance(30'000);
    QVERIFY(cache.get(key(1), 30'000, clock));
    clock.advance(1);
    QVERIFY(!cache.get(key(1), 30'000, clock));
}

void TestResponseCache::concurrentUseStaysConsistent()
{
    ResponseCache cache(64 * 1024, 50);
    constexpr int kThreads = 4;
    constexpr int kOps = 5000;
    std::atomic<int> gets{0};
    std::atomic<int> wrongBodies{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&cache, &gets, &wrongBodies, t] {
            for (int i = 0; i < kOps; ++i) {
                const int k = (i * 7 + t * 13) % 120;
                if (i % 3 == 0) {
                    cache.put(key(k), entry(QByteArray::number(k).repeated(1 + k % 50), i));
                } else {
                    ++gets;
                    const auto hit = cache.get(key(k), 1'000'000, i);
                    if (hit && hit->body != QByteArray::number(k).repeated(1 + k % 50))
                        ++wrongBodies;
                }
            }
        });
    }
    for (auto &thread : threads)
        thread.join();
    const auto stats = cache.stats();
    QCOMPARE(wrongBodies.load(), 0);
    QCOMPARE(stats.hits + stats.misses, qint64(gets.load()));
    QVERIFY(stats.hits > 0);
    QVERIFY(stats.entries <= 50);
    QVERIFY(stats.bytes >= 0 && stats.bytes <= 64 * 1024);
    // Byte accounting is exact: removing every key brings it back to zero.
    for (int k = 0; k < 120; ++k)
        (void)cache.remove(key(k));
    QCOMPARE(cache.stats().bytes, 0);
    QCOMPARE(cache.stats().entries, 0);
}

QTEST_GUILESS_MAIN(TestResponseCache)
#include "tst_responsecache.moc"
