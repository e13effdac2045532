package io.surgewms.devices;

import io.surgewms.devices.registry.DeviceProfile;

/** A device this instance holds open, with the profile it was opened with (a changed profile reopens it). */
interface OpenDevice extends AutoCloseable {
    DeviceProfile profile();

    @Override
    void close();
}
