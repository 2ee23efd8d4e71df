#pragma once

#include <QLocale>
#include <QString>

#include <memory>

class QTranslator;

namespace understudy {

// Loads the console's embedded translation (:/i18n/understudy_<locale>.qm)
// for `locale`, falling back from "de_AT" to "de". Returns null when the
// locale has no translation (English source strings are used then).
std::unique_ptr<QTranslator> loadConsoleTranslator(const QLocale &locale);

// The resource folder holding the compiled translations.
inline QString consoleTranslationsPath()
{
    return QStringLiteral(":/i18n");
}

} // namespace understudy
