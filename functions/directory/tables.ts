// The directory's table is defined in shared/directory.ts, beside its keys, because other services read it
// (read-only, e.g. a unit's leaders); it is the directory service's own table all the same.
export { directoryTable } from '#shared/directory';
