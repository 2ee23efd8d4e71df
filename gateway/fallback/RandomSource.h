#pragma once

// Randomness is injected (jitter, weighted balancing, recovery ramp) so tests
// script it. uniform() returns a value in [0, 1).

#include <cstdint>
#include <random>
#include <vector>

namespace understudy {

class RandomSource
{
public:
    virtual ~RandomSource() = default;
    virtual double uniform() = 0;
};

// Real randomness: one std::mt19937_64 per thread, seeded from
// std::random_device, so any number of threads may share one instance
// without a lock.
class SystemRandom final : public RandomSource
{
public:
    double uniform() override;
    static SystemRandom &instance();
};

// Reproducible pseudo-randomness for distribution tests and the console's
// what-if mode. Not thread-safe: one instance per thread.
class SeededRandom final : public RandomSource
{
public:
    explicit SeededRandom(std::uint64_t seed) : m_engine(seed) {}
    double uniform() override;

private:
    std::mt19937_64 m_engine;
};

// Returns the scripted values in order and then starts over. Values are
// clamped into [0, 1). Not thread-safe.
class ScriptedRandom final : public RandomSource
{
public:
    explicit ScriptedRandom(std::vector<double> values);
    double uniform() override;
    int draws() const { return m_draws; }

private:
    std::vector<double> m_values;
    std::size_t m_next = 0;
    int m_draws = 0;
};

} // namespace understudy
