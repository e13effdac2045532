package io.surgewms.platform;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * RFC 9457 problem details. {@code errors} names each offending field (a JSON path such as
 * {@code lines[2].quantity}) with the reason, so a client can point at the exact input.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String reason) {}

    public static Problem of(int status, String title, String detail) {
        return new Problem(typeFor(status), title, status, detail, null, null);
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem("urn:surge:problem:invalid-input", "Invalid input", 400, detail, null,
                errors == null || errors.isEmpty() ? null : List.copyOf(errors));
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, errors);
    }

    static String typeFor(int status) {
        return switch (status) {
            case 400 -> "urn:surge:problem:invalid-input";
            case 404 -> "urn:surge:problem:not-found";
            case 409 -> "urn:surge:problem:conflict";
            case 413 -> "urn:surge:problem:payload-too-large";
            case 415 -> "urn:surge:problem:unsupported-media-type";
            case 422 -> "urn:surge:problem:unprocessable";
            default -> "about:blank";
        };
    }
}
