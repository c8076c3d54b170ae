/**
 * Tasks: recipes that build a training run (model, loss, rule, optimizer, batch sources, metrics)
 * from their settings, one package per task family with its data format, generator, model and
 * metrics together; and the parts every task builds alike.
 */
package org.opudfa.dfa.task;
