package org.contactpoint.involvement.application;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.contactpoint.involvement.domain.SubmissionRejection;
import org.contactpoint.involvement.domain.SubmissionStatus;
import org.contactpoint.involvement.repository.SubmissionStatusRepository;
import org.contactpoint.support.domain.NotFound;
import org.contactpoint.support.domain.PurposeOfUse;
import org.contactpoint.support.security.Caller;

import java.util.List;
import java.util.Map;

/**
 * What an agency learns about its own submissions: where one stands (accepted, parked waiting for its child, or
 * refused and why) and the list of its refused records. An agency is the caller's {@code sub} (REST) or the
 * {@code ce_source} of its topic records, within the organisation its credential proves ({@code org_code}): another
 * agency's submission is not found, as if it did not exist. Every read is audited with its purpose.
 */
@ApplicationScoped
public class SubmissionStatusService {

    static final String VIEW = "VIEW_SUBMISSION_STATUS";
    static final String LIST = "LIST_REJECTED_SUBMISSIONS";

    private final SubmissionStatusRepository statuses;
    private final AccessAudit audit;

    public SubmissionStatusService(SubmissionStatusRepository statuses, AccessAudit audit) {
        this.statuses = statuses;
        this.audit = audit;
    }

    @Transactional
    public SubmissionStatus status(String submissionId, PurposeOfUse purpose, Caller caller) {
        String organisation = organisationOf(caller, VIEW, purpose, Map.of("submissionId", submissionId));
        SubmissionStatus status = statuses.status(caller.userId(), organisation, submissionId)
                .orElseThrow(() -> new NotFound("No submission " + submissionId + " of yours"));
        audit.success(caller.toActor(), VIEW, purpose, Map.of("submissionId", submissionId,
                "state", status.state().name()), List.of(), 1);
        return status;
    }

    /** One page of the agency's refused records, newest first; {@code more} when another page follows. */
    @Transactional
    public RejectionPage rejected(int page, int size, PurposeOfUse purpose, Caller caller) {
        Map<String, String> query = Map.of("page", String.valueOf(page), "size", String.valueOf(size));
        String organisation = organisationOf(caller, LIST, purpose, query);
        List<SubmissionRejection> fetched = statuses.rejected(caller.userId(), organisation, page * size, size + 1);
        boolean more = fetched.size() > size;
        List<SubmissionRejection> items = more ? List.copyOf(fetched.subList(0, size)) : fetched;
        audit.success(caller.toActor(), LIST, purpose, query, List.of(), items.size());
        return new RejectionPage(items, more);
    }

    /**
     * Keeps the refusals of a poll of the agency topics for their agencies to read. Their dead letters stay the record
     * of what was refused: if this cannot be written the poll goes on, and the agency still has its {@code .dlq}.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordRejections(List<SubmissionRejection> rejections) {
        statuses.record(rejections);
    }

    /** Records the refusals, logging rather than failing the poll when the database will not take them. */
    public void keepRejections(List<SubmissionRejection> rejections) {
        try {
            recordRejections(rejections);
        } catch (RuntimeException e) {
            Log.warnf("%d refused agency submissions could not be recorded for their agencies (%s); their dead"
                    + " letters keep them", rejections.size(), e.getMessage());
        }
    }

    private String organisationOf(Caller caller, String action, PurposeOfUse purpose, Map<String, String> query) {
        String organisation = caller.organisationCode();
        if (organisation == null || organisation.isBlank()) {
            throw audit.denied(caller, action, purpose, query, List.of(),
                    "Your token names no organisation (org_code): an agency reads its own submissions only");
        }
        return organisation;
    }

    /** A page of refused records, and whether another follows. */
    public record RejectionPage(List<SubmissionRejection> items, boolean more) {
    }
}
