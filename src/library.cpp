// The shared libretort (SPEC §8) is the layers' archives linked whole; this file only gives the
// target a source of its own.
