/**
 * The MLP classifier task: dense blocks with a feedback point after each, trained on
 * Fashion-MNIST or the generated synthetic classification task.
 */
package org.opudfa.dfa.task.mlp;
