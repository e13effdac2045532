package io.surgewms.labels;

import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import io.surgewms.platform.Problem;
import io.surgewms.platform.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Labels printed from a list the caller gives: picker and packer badges (until users live in the service),
 * or a handful of tote, location or product labels to replace worn ones. Every entry is checked before
 * anything renders, and all bad entries are named at once.
 */
@Path("/api/labels/batch")
@Tag(name = "Labels")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
public class BatchLabelResource {

    public record Entry(String kind, String code, String caption) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({"application/pdf", "application/zpl", MediaType.APPLICATION_JSON})
    @Operation(summary = "Labels for a list of {kind: BADGE|TOTE|LOCATION|PRODUCT, code, caption}: format=pdf (a sheet: A4 24-up or Letter 30-up, per surge.site.paper) or zpl (dpi 203/300)")
    public Response print(List<Entry> entries, @QueryParam("format") String format, @QueryParam("dpi") Integer dpi) {
        if (entries == null || entries.isEmpty()) throw ProblemException.invalid("$", "give at least one label");
        List<BatchLabel> labels = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            try {
                BatchLabel.Kind kind = BatchLabel.Kind.valueOf(e == null || e.kind() == null ? "" : e.kind().toUpperCase(Locale.ROOT));
                labels.add(new BatchLabel(kind, e.code(), e.caption()));
            } catch (IllegalArgumentException ex) {
                errors.add(new Problem.FieldError("[" + i + "]", ex.getMessage().startsWith("No enum")
                        ? "kind must be BADGE, TOTE, LOCATION or PRODUCT" : ex.getMessage()));
            }
        }
        if (!errors.isEmpty()) throw ProblemException.invalid(errors);
        BatchLabelPrint.Output out = BatchLabelPrint.render(labels, format, dpi);
        return Response.ok(out.body(), out.mediaType()).build();
    }
}
