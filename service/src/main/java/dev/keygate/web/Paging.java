package dev.keygate.web;

/** Page parameters of list routes: 1-based {@code page}, {@code size} from 1 to 100. */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 100;

    public static Paging of(Integer page, Integer size, int defaultSize, String sizeParam) {
        int p = page == null ? 1 : page;
        int s = size == null ? defaultSize : size;
        if (p < 1) {
            throw ApiException.badRequest("page starts at 1", "page");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ApiException.badRequest(sizeParam + " must be between 1 and " + MAX_SIZE, sizeParam);
        }
        return new Paging(p, s);
    }

    public long offset() {
        return (long) (page - 1) * size;
    }

    public int totalPages(long total) {
        return (int) ((total + size - 1) / size);
    }
}
