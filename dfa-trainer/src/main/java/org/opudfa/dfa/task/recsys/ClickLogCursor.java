package org.opudfa.dfa.task.recsys;

import java.io.Closeable;

/**
 * Reads the records of a click log one after the other from a given line, through one
 * {@link LineReader}: nothing is kept but the current record.
 */
final class ClickLogCursor implements Closeable {

    private final ClickLogFile file;
    private final String name;
    private final LineReader reader;
    private final ClickRecord record = new ClickRecord();
    private long line;

    /**
     * @param file  the file
     * @param first the first line to read, from 0
     */
    ClickLogCursor(ClickLogFile file, long first) {
        this.file = file;
        this.name = file.path().toString();
        this.reader = new LineReader(file.path(), null);
        file.seek(reader, first);
        this.line = first;
    }

    /**
     * @return the next record (reused), or null at the end of the file
     * @throws IllegalArgumentException if the line is not a click record (naming the line)
     */
    ClickRecord next() {
        if (!reader.next(line + 1)) {
            return null;
        }
        line++;
        ClickLogFormat.parse(reader.buffer(), reader.lineStart(), reader.lineEnd(), name, line, record);
        return record;
    }

    /** @return the number of lines read from the start of the file, i.e. the next line's index */
    long line() {
        return line;
    }

    /** @return the file read */
    ClickLogFile file() {
        return file;
    }

    @Override
    public void close() {
        reader.close();
    }
}
