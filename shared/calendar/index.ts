// Working calendars and working time of the one-stop shop: due dates, elapsed time, on time or late.
export * from './types';
export * from './working-time';
export * from './holidays';
