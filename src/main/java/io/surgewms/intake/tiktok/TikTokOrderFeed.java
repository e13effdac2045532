package io.surgewms.intake.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelOrderFeed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TikTok Shop's side of the reconciliation: Get Order List (API 202309, {@code POST /order/202309/orders/search})
 * by update time, oldest first, a page of 100 at a time; each order in it is the same object Get Order Detail
 * answers, so it is applied exactly as a webhook's fetched order is ({@link TikTokOrders#apply}).
 */
@ApplicationScoped
public class TikTokOrderFeed implements ChannelOrderFeed {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int PAGE = 100;

    @Inject TikTokClient tiktok;
    @Inject TikTokOrders orders;

    @Override
    public String channel() {
        return "tiktok";
    }

    @Override
    public List<ChangedOrder> changed(ChannelAccount a, Instant since, Instant until, int max) throws Exception {
        List<ChangedOrder> out = new ArrayList<>();
        String pageToken = null;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("page_size", Integer.toString(PAGE));
            query.put("sort_field", "update_time");
            query.put("sort_order", "ASC");
            if (pageToken != null) query.put("page_token", pageToken);
            ObjectNode body = JSON.createObjectNode();
            body.put("update_time_ge", since.getEpochSecond());
            body.put("update_time_lt", until.getEpochSecond());
            JsonNode data = tiktok.call(a, "POST", "/order/" + TikTokClient.VERSION + "/orders/search", query, JSON.writeValueAsString(body)).path("data");
            for (JsonNode o : data.path("orders")) {
                String id = o.path("id").asText("");
                if (!id.isEmpty() && out.size() < max)
                    out.add(new ChangedOrder(id, () -> orders.apply(a, o, id, TikTokOrders.ORDER_STATUS_CHANGE).thenApply(TikTokOrders.Outcome::outcome)));
            }
            pageToken = data.path("next_page_token").asText("");
        } while (!pageToken.isEmpty() && out.size() < max);
        return out;
    }
}
