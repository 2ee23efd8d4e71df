#pragma once

// Config snapshots cross from the store thread to the GUI thread in queued
// signals; the metatype lives here so the engine headers stay free of it.

#include "config/Config.h"

#include <QMetaType>

Q_DECLARE_METATYPE(understudy::ConfigSnapshot)
