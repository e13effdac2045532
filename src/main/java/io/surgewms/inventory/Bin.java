package io.surgewms.inventory;

/** A stock row that can serve orders, locked for the current transaction; {@code available} is decremented as it is reserved. */
public final class Bin {
    final long stockId;
    final long productId;
    final boolean pickFace;
    final int pickSeq;
    int available;

    Bin(long stockId, long productId, int available, boolean pickFace, int pickSeq) {
        this.stockId = stockId;
        this.productId = productId;
        this.available = available;
        this.pickFace = pickFace;
        this.pickSeq = pickSeq;
    }

    public long stockId() { return stockId; }
    public int available() { return available; }
}
