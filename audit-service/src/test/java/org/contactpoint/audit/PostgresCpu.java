package org.contactpoint.audit;

import org.contactpoint.testing.ConsumerCost;

/** The probes' measure of the test's PostgreSQL: CPU time of the postmaster and its children, from /proc. */
final class PostgresCpu {

    private PostgresCpu() {
    }

    /** CPU time in ns (user and system) of the postmaster and its live children; -1 when it cannot be read. */
    static long nanos() {
        try {
            return ConsumerCost.postgresCpu();
        } catch (IllegalStateException e) {
            return -1;
        }
    }
}
