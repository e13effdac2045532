package io.surgewms.devices.printer;

import java.net.ProtocolException;

/** The printer answered {@code ~HS} with something that is not a whole, well-formed host status. */
public class StatusAnswerException extends ProtocolException {

    public StatusAnswerException(String message) {
        super(message);
    }
}
