package org.opudfa.dfa.task.recsys;

import java.nio.file.Path;

import org.opudfa.dfa.nn.Feed;

/**
 * Run in a forked JVM with a small heap by {@link ClickLogBatchesTest}: scans a click log, builds
 * its vocabularies and streams every batch, then prints the records and clicks it saw.
 */
public final class StreamingReadMain {

    private StreamingReadMain() {
    }

    /**
     * @param args the log's path
     */
    public static void main(String[] args) {
        ClickLogFile file = ClickLogFile.scan(Path.of(args[0]));
        ClickVocabulary v = ClickVocabulary.build(file, 0, file.lines(), 1);
        ClickLogBatches source = new ClickLogBatches(file, null, v, 0, file.lines(), 2048);
        Feed feed = source.newFeed();
        long records = 0;
        long clicks = 0;
        while (source.next(feed)) {
            int n = source.items(feed);
            records += n;
            for (int r = 0; r < n; r++) {
                clicks += (long) feed.get(ClickLogBatches.CLICKS).data[r];
            }
        }
        System.out.println("records " + records + " clicks " + clicks);
    }
}
