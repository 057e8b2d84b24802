package com.fitpulse.tracker.data;

import android.content.ContentValues;
import android.content.Context;
import android.database.Cursor;
import android.database.sqlite.SQLiteDatabase;
import android.database.sqlite.SQLiteOpenHelper;

public class HeartRateDbHelper extends SQLiteOpenHelper {

    private static final String DB_NAME = "fitpulse.db";
    private static final int DB_VERSION = 2;
    private static final String TABLE_READINGS = "heart_rate_readings";
    private static final String COL_BPM = "bpm";
    private static final String COL_TAKEN_AT = "taken_at";

    public HeartRateDbHelper(Context context) {
        super(context, DB_NAME, null, DB_VERSION);
    }

    @Override
    public void onCreate(SQLiteDatabase db) {
        db.execSQL("CREATE TABLE " + TABLE_READINGS + " (_id INTEGER PRIMARY KEY AUTOINCREMENT, "
                + COL_BPM + " INTEGER NOT NULL, " + COL_TAKEN_AT + " INTEGER NOT NULL)");
    }

    @Override
    public void onUpgrade(SQLiteDatabase db, int oldVersion, int newVersion) {
        db.execSQL("DROP TABLE IF EXISTS " + TABLE_READINGS);
        onCreate(db);
    }

    public long insertReading(int bpm, long takenAt) {
        ContentValues values = new ContentValues();
        values.put(COL_BPM, bpm);
        values.put(COL_TAKEN_AT, takenAt);
        return getWritableDatabase().insert(TABLE_READINGS, null, values); // expect: PI001 PI303
    }

    /** The most recent reading, 0 when there is none. */
    public int latestBpm() {
        try (Cursor c = getReadableDatabase().query(TABLE_READINGS, new String[]{COL_BPM},
                null, null, null, null, COL_TAKEN_AT + " DESC", "1")) {
            return c.moveToFirst() ? c.getInt(0) : 0;
        }
    }
}
