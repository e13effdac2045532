package io.surgewms.platform;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every error the API returns is RFC 9457 problem+json naming the field and the reason. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    public static Response response(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return response(e.problem());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldOf(v.getPropertyPath().toString()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return response(ProblemException.invalid(errors).problem());
    }

    /** Quarkus ships its own mapper for these; ours answers problem+json like every other error. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatch(MismatchedInputException e) {
        return json(e);
    }

    /** Malformed JSON or a value of the wrong type: name the JSON path the parser stopped at. */
    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e) {
        JsonParseException pe = null;
        for (Throwable t = e; t != null && pe == null; t = t.getCause()) if (t instanceof JsonParseException p) pe = p;
        if (pe != null || (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Unexpected end-of-input"))) {
            var loc = e.getLocation() != null ? e.getLocation() : pe.getLocation();
            String why = clean((pe != null ? pe : e).getOriginalMessage());
            return response(Problem.invalid("Malformed JSON at line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": " + why,
                    List.of(new Problem.FieldError("$", "malformed JSON: " + why))));
        }
        if (e instanceof JsonMappingException me) {
            String field = pathOf(me);
            String reason;
            if (me instanceof UnrecognizedPropertyException u) reason = "unknown field '" + u.getPropertyName() + "'";
            else if (me instanceof InvalidFormatException f) reason = "cannot read '" + f.getValue() + "' as " + f.getTargetType().getSimpleName();
            else reason = clean(me.getOriginalMessage());
            return response(Problem.invalid(field + ": " + reason, List.of(new Problem.FieldError(field, reason))));
        }
        return response(Problem.invalid("Unreadable JSON", List.of(new Problem.FieldError("$", e.getOriginalMessage()))));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException j) return json(j); // the JSON reader wraps its own errors
        }
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        String detail = switch (status) {
            case 415 -> "Unsupported content type: send application/json (bulk imports also take text/csv)";
            case 404 -> "No such resource";
            case 405 -> "Method not allowed on this resource";
            case 413 -> "Request body too large";
            default -> e.getMessage();
        };
        return response(Problem.of(status, title, detail));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("Unexpected error", e);
        return response(Problem.of(500, "Internal error", "The server failed to handle the request; nothing was changed by it."));
    }

    /** Jackson's messages carry source excerpts and class names nobody at a client needs. */
    static String clean(String message) {
        if (message == null) return "unreadable";
        String m = message.split("\n")[0];
        int cut = m.indexOf(" (start marker");
        if (cut < 0) cut = m.indexOf(" at [Source");
        return cut > 0 ? m.substring(0, cut) : m;
    }

    static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "$" : sb.toString();
    }

    /** "submit.arg0.lines[0].quantity" or "create.order.lines[0].quantity" -> "lines[0].quantity". */
    static String fieldOf(String propertyPath) {
        String[] parts = propertyPath.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }
}
