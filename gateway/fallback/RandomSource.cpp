#include "fallback/RandomSource.h"

#include <algorithm>
#include <cmath>

namespace understudy {

namespace {

double toUnit(std::mt19937_64 &engine)
{
    return std::generate_canonical<double, 53>(engine);
}

// generate_canonical may round up to exactly 1.0 on some libraries.
double clampUnit(double value)
{
    if (!(value >= 0.0))
        return 0.0;
    return std::min(value, std::nextafter(1.0, 0.0));
}

} // namespace

double SystemRandom::uniform()
{
    thread_local std::mt19937_64 engine{[] {
        std::random_device device;
        return (std::uint64_t(device()) << 32) ^ device();
    }()};
    return clampUnit(toUnit(engine));
}

SystemRandom &SystemRandom::instance()
{
    static SystemRandom random;
    return random;
}

double SeededRandom::uniform()
{
    return clampUnit(toUnit(m_engine));
}

ScriptedRandom::ScriptedRandom(std::vector<double> values) : m_values(std::move(values))
{
    if (m_values.empty())
        m_values.push_back(0.5);
}

double ScriptedRandom::uniform()
{
    ++m_draws;
    const double value = m_values[m_next];
    m_next = (m_next + 1) % m_values.size();
    return clampUnit(value);
}

} // namespace understudy
