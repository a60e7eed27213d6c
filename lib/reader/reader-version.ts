// The reader's version, stored with every document and report it read. Raise it whenever a change to the
// reader can change what it reads from a file (cells, agency, year, findings): `npm run reread` then reads
// every document stored by an older version again and makes a new report version where the cells changed.
export const READER_VERSION = 7;
