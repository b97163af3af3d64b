/**
 * The contract suite that every vendor module runs against its simulator: extend {@link
 * io.cancelkit.testkit.contract.CancellerContract} in the module's tests. Needs JUnit Jupiter, which
 * sdk-testkit declares optional.
 */
package io.cancelkit.testkit.contract;
