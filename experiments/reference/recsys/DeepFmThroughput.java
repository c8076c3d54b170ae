import java.nio.file.Path;
import java.util.Locale;

import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.ProjectorKind;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.task.recsys.RecsysModel;
import org.opudfa.dfa.task.recsys.RecsysSettings;
import org.opudfa.dfa.task.recsys.RecsysTask;
import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.dfa.train.Trainer;
import org.opudfa.dfa.train.TrainingListener;

/**
 * Training samples/s of the recsys task's DeepFM (the paper's settings: embedding 10, MLP 3 × 400
 * with batch norm, ReLU, dropout 0.2, batch 2 048, Adam 1e-3) in epochs of ROWS training records of
 * a click log (split 80/10/10 by position; each epoch continues through the training part), for
 * comparison with experiments/reference/pytorch_deepfm_benchmark.py, which trains on the first
 * ROWS records. The evaluation after each epoch is outside the timing; the first epoch is a
 * warm-up. The figure includes reading and parsing the TSV, which the PyTorch reference does
 * before timing.
 *
 * Usage: java -cp CLASSPATH DeepFmThroughput.java LOG ROWS METHOD THREADS EPOCHS
 */
public final class DeepFmThroughput {

    public static void main(String[] args) {
        Path log = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        Method method = Method.valueOf(args[2].toUpperCase(Locale.ROOT));
        SettingValues v = RecsysTask.INSTANCE.defaults().with(RecsysSettings.MODEL, RecsysModel.DEEPFM)
                .with(RecsysSettings.DATA, log).with(TrainingSettings.METHOD, method)
                .with(TrainingSettings.PROJECTOR, ProjectorKind.EXACT)
                .with(TrainingSettings.THREADS, Integer.parseInt(args[3]))
                .with(TrainingSettings.EPOCHS, Integer.parseInt(args[4])).with(TrainingSettings.ALIGNMENT_EVERY, 0)
                .with(RecsysSettings.EVALUATION_RECORDS, rows).with(RecsysSettings.PATIENCE, 1000);
        double sum = 0;
        int n = 0;
        try (Trainer t = new Trainer(RecsysTask.INSTANCE.build(v))) {
            System.out.println("data: " + t.run().data().note());
            for (EpochMetrics m : t.run(TrainingListener.NONE, null)) {
                System.out.printf(Locale.ROOT, "epoch %d: %.2f s, %.0f samples/s%s%n", m.epoch(), m.seconds(),
                        m.itemsPerSecond(), m.epoch() == 1 ? " (warm-up)" : "");
                if (m.epoch() > 1) {
                    sum += m.itemsPerSecond();
                    n++;
                }
            }
        }
        if (n > 0) {
            System.out.printf(Locale.ROOT, "result: %.0f samples/s (%s, mean of %d epochs after the warm-up)%n", sum / n,
                    method.name().toLowerCase(Locale.ROOT), n);
        }
    }
}
