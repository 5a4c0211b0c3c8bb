/* pr-library.h: the library of PressReader: releases on disk in SQLite
 * (store, search language, import, list model), built on the core */
#pragma once

#include "pr-core.h"
#include "pr-import.h"
#include "pr-query.h"
#include "pr-release-list.h"
#include "pr-store.h"
