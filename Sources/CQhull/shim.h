// Qhull 2020.2's reentrant C API (Debian libqhull-dev, libqhull_r), and one helper that runs a
// 3-d convex hull and copies out every facet, so Swift never walks qhull's sets and bitfields.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libqhull_r/qhull_ra.h>

/// The facets of a convex hull: `planes` holds facetCount × 4 numbers (unit outward normal x, y, z,
/// then the offset, with normal·p + offset = 0 on the facet); the vertices of facet f are the input point
/// indices vertexIds[vertexStart[f] ..< vertexStart[f + 1]]. Free with sieve_qhull_free.
typedef struct {
    int facetCount;
    double *planes;
    int *vertexStart;
    int *vertexIds;
    char *message;
} sieve_qhull_hull;

static inline void sieve_qhull_free(sieve_qhull_hull *hull) {
    free(hull->planes); free(hull->vertexStart); free(hull->vertexIds); free(hull->message);
    memset(hull, 0, sizeof(*hull));
}

/// Runs `qhull <options>` on `count` 3-d points (x, y, z in a row). Returns qhull's exit code (0 on
/// success); on failure hull->message holds qhull's own report.
static inline int sieve_qhull_convex_hull(const double *points, int count, const char *options, sieve_qhull_hull *hull) {
    memset(hull, 0, sizeof(*hull));
    size_t messageLength = 0;
    FILE *errors = open_memstream(&hull->message, &messageLength);
    qhT qh_qh;
    qhT *qh = &qh_qh;
    coordT *copy = (coordT *)malloc(sizeof(coordT) * 3 * (size_t)(count > 0 ? count : 1));
    memcpy(copy, points, sizeof(double) * 3 * (size_t)count);
    char command[256];
    snprintf(command, sizeof(command), "qhull %s", options);
    qh_zero(qh, errors);
    int code = qh_new_qhull(qh, 3, count, copy, False, command, NULL, errors);
    if (code == 0) {
        facetT *facet;
        vertexT *vertex, **vertexp;
        int facets = 0, vertices = 0;
        FORALLfacets { facets++; vertices += qh_setsize(qh, facet->vertices); }
        hull->facetCount = facets;
        hull->planes = (double *)malloc(sizeof(double) * 4 * (size_t)(facets > 0 ? facets : 1));
        hull->vertexStart = (int *)malloc(sizeof(int) * (size_t)(facets + 1));
        hull->vertexIds = (int *)malloc(sizeof(int) * (size_t)(vertices > 0 ? vertices : 1));
        int f = 0, v = 0;
        FORALLfacets {
            for (int k = 0; k < 3; k++) hull->planes[4 * f + k] = facet->normal[k];
            hull->planes[4 * f + 3] = facet->offset;
            hull->vertexStart[f] = v;
            FOREACHvertex_(facet->vertices) { hull->vertexIds[v++] = qh_pointid(qh, vertex->point); }
            f++;
        }
        hull->vertexStart[f] = v;
    }
    int curlong, totlong;
    qh_freeqhull(qh, !qh_ALL);
    qh_memfreeshort(qh, &curlong, &totlong);
    fclose(errors);
    free(copy);
    return code;
}
