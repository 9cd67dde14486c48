// Preloaded (`node --require`) into each API process the capacity bench starts: the API's own
// entry point stays untouched, and an API whose parent died (its IPC channel dropped) still ends,
// through the same SIGTERM path as a normal stop.
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
