/**
 * Replenishment: refilling pick faces from reserve, by tasks a replenisher claims and confirms by scan.
 *
 * <h2>Model</h2>
 * <ul>
 * <li><b>Pick-face settings</b> ({@code pick_face}): per PICK_FACE bin and SKU a min and a max. Reserve bins
 *     (kind RESERVE) hold the rest. Only SKUs with a setting are replenished.</li>
 * <li><b>Demand.</b> Intake reserves units pick face first, then reserve, and wave planning puts each pick
 *     stop where its reservations are ({@code allocation.stop_id}). A face's reservations never exceed what it
 *     holds (the stock CHECK), so "a wave needs more than the pick face holds" is exactly: the wave has
 *     stops for a SKU with a pick face at RESERVE bins. Those stops are the wave's demand for refilling.</li>
 * <li><b>WAVE trigger</b> ({@link io.surgewms.inventory.replenishment.Replenishment#forWave}): when a wave is
 *     released (same transaction), for each SKU and reserve bin that the wave's not-yet-started stops point at,
 *     one task reserve → face carrying those stops' reserved units, plus free units of that bin up to the face's
 *     max (room = max − on hand − the wave's units). The stops are linked to the task ({@code replenishment_stop}).
 *     An OPEN task of the same face, SKU and bin takes the stops in (becoming WAVE); a CLAIMED one is left alone
 *     and the stops keep sending their pickers to reserve.</li>
 * <li><b>MIN trigger</b> ({@link io.surgewms.inventory.replenishment.Replenishment#belowMin}): after a pick at a
 *     face (in the pick's transaction), when settings change, and every minute by a sweep: when the face holds
 *     fewer units than its min (on hand: what is physically there) and no task for that face is open, one task
 *     from the reserve bin with the most free units, bringing the face up to max (physical room: max − on hand).
 *     Units reserved at reserve bins are the WAVE trigger's business, not the min's.
 *     One open task per face: every trigger holds the face's stock row lock while it decides.</li>
 * <li><b>Priority.</b> Pick tasks with a stop linked to an OPEN or CLAIMED replenishment are not claimable
 *     ({@code POST /api/picking/claim} skips them), so the refill always happens before the pickers reach the
 *     face. Replenishers claim ({@code POST /api/replenishment/claim}) WAVE tasks first, then by priority
 *     (the highest of the waiting pick tasks), then urgency (their earliest ship-by), with SKIP LOCKED.
 *     A supervisor who cancels a task frees its picks: they go to the reserve bins as planned.</li>
 * <li><b>Scan protocol</b>: from-bin → item (each unit, or once and then the quantity keyed) → to-bin. Scanning
 *     the to-bin while units are in hand confirms those (fewer than planned when the bin had fewer). Every scan
 *     is recorded in {@code scan} (with {@code replenishment_id}), ACCEPTED or REJECTED with a reason.</li>
 * <li><b>Confirmation</b> (the to-bin scan), one transaction: locks the task, the pick tasks of its linked
 *     stops, then the two stock rows in id order. Linked stops whose pick task is still OPEN (nobody holds it:
 *     a picker already on a stop keeps it) and whose units fit into the moved quantity are re-pointed to the
 *     face with their reservations; the remainder must be free units of the reserve bin, otherwise the scan is
 *     refused (NOT_MOVABLE) and nothing moves. Stock moves as MOVE_OUT / MOVE_IN ledger rows carrying both
 *     on hand and the re-pointed reservations, so ledger = stock and 0 ≤ allocated ≤ on hand hold (backed by
 *     the stock_never_oversold CHECK). The route of a re-pointed pick task is not recomputed.</li>
 * </ul>
 * Inventory does not depend on picking: it reads the picking tables by SQL only; picking calls in.
 */
package io.surgewms.inventory.replenishment;
