package io.surgewms.platform;

import java.util.List;

/** Thrown by services for an expected failure the client can act on; mapped to problem+json. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() { return problem; }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "Not found", what));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "Conflict", detail));
    }

    /** The service cannot do this now for a reason an operator must fix (a used-up number range, a device away). */
    public static ProblemException unavailable(String detail) {
        return new ProblemException(Problem.of(503, "Service Unavailable", detail));
    }

    /** A conflict that names the input field which collides (e.g. {@code barcodes[1]}). */
    public static ProblemException conflict(String field, String reason) {
        return new ProblemException(new Problem(Problem.typeFor(409), "Conflict", 409, field + ": " + reason, null,
                List.of(new Problem.FieldError(field, reason))));
    }

    public static ProblemException invalid(String field, String reason) {
        return new ProblemException(Problem.invalid(field + ": " + reason, List.of(new Problem.FieldError(field, reason))));
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason()
                : errors.size() + " fields are invalid";
        return new ProblemException(Problem.invalid(detail, errors));
    }
}
