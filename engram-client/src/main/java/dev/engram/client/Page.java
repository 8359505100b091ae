package dev.engram.client;

import java.util.List;

/** One page of a listing: its items, its number (from 1), its size and the total count. */
public record Page<T>(List<T> results, int page, int pageSize, int total) {}
